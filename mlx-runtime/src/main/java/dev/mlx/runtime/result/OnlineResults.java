package dev.mlx.runtime.result;

import dev.mlx.runtime.result.JsonShape.Nullable;
import java.util.List;

/**
 * The feedback store's verdict on a served run, as short sentences: the window it covers, a note
 * when there is too little to judge, what it was judged on, one line per variant, the test, the
 * samples still needed per variant and the recommendation with its reason. Null where the feedback
 * report had nothing to say.
 */
public record OnlineResults(String window, @Nullable String note, @Nullable String judgedOn, List<Variant> variants,
                            @Nullable String test, @Nullable Long samplesStillNeeded, @Nullable String recommendation) {
    public OnlineResults {
        variants = List.copyOf(variants);
    }

    /** A served model, its role (champion, challenger...) and what feedback says of it. */
    public record Variant(String name, String role, String summary) {
    }
}
