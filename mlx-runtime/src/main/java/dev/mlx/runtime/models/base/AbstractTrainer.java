package dev.mlx.runtime.models.base;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * The bookkeeping Tribuo's {@link Trainer} contract asks of every trainer, written once: how many
 * times {@code train} has run (the invocation count, which a model's provenance records so that the
 * call can be replayed with {@link Trainer#train(org.tribuo.Dataset, java.util.Map, int)}), and the
 * trainer provenance. A subclass says only how it trains, calling {@link #invoke()} or
 * {@link #count()} once per {@code train}.
 * <p>
 * Provenance comes in two kinds, chosen by the constructor. A trainer with its own OLCUT
 * {@code @Config} settings (the logistic regression, the mlp) describes itself, every setting
 * included. A wrapper around one of Tribuo's trainers (density fixes, settings that depend on the
 * data, a range of k) is described by the Tribuo trainer it builds, as configured before it sees
 * data, so the model files and {@code run.json} name the algorithm that actually trained.
 */
public abstract class AbstractTrainer<T extends Output<T>> implements Trainer<T> {
    /** The Tribuo trainer that describes a wrapper; null for a trainer described by its own settings. */
    private final Supplier<? extends Trainer<?>> describedBy;
    private int invocationCount;

    /** A trainer described by its own {@code @Config} fields; also what OLCUT's configuration system calls. */
    protected AbstractTrainer() {
        this.describedBy = null;
    }

    /**
     * A wrapper, described by the trainer {@code describedBy} gives. It is asked each time, because a
     * provenance is a snapshot of the trainer as it is then.
     */
    protected AbstractTrainer(Supplier<? extends Trainer<?>> describedBy) {
        this.describedBy = Objects.requireNonNull(describedBy, "describedBy");
    }

    /** One call of {@code train}: its number (0 for the first call of a trainer) and the trainer's provenance as it began. */
    public record Invocation(int number, TrainerProvenance provenance) {
        /**
         * The generator of this call, seeded as Tribuo's trainers seed theirs: the {@code number}-th
         * split of a generator seeded with {@code seed}, so a fresh trainer always starts the same way
         * and a recorded invocation count reproduces a later call.
         */
        public SplittableRandom generator(long seed) {
            SplittableRandom root = new SplittableRandom(seed);
            for (int i = 0; i < number; i++) {
                root.split();
            }
            return root.split();
        }
    }

    /**
     * Counts one call of {@code train} and returns it with this trainer's provenance as it was before
     * the count, which is what the model of this call records. Atomic: concurrent calls get distinct numbers.
     */
    protected final synchronized Invocation invoke() {
        TrainerProvenance provenance = getProvenance();
        return new Invocation(invocationCount++, provenance);
    }

    /** Counts one call of {@code train} and returns its number, for a trainer whose model records another's provenance. */
    protected final synchronized int count() {
        return invocationCount++;
    }

    @Override
    public final synchronized int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public final synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("the invocation count must be non-negative, got " + invocationCount);
        }
        this.invocationCount = invocationCount;
    }

    @Override
    public final TrainerProvenance getProvenance() {
        return describedBy == null ? new TrainerProvenanceImpl(this) : describedBy.get().getProvenance();
    }
}
