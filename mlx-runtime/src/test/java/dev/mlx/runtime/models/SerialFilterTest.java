package dev.mlx.runtime.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tribuo's model streams, the only Java deserialisation left, read under a tight filter: the
 * LIBLINEAR/LIBSVM model classes and JDK values only, with depth, array, reference and size limits.
 * The attacks of issue 15 (nested sets that take minutes, nested lists that overflow the stack, a
 * tiny stream asking for gigabytes) and the classic gadget are all refused at once.
 */
class SerialFilterTest {
    private static byte[] bytes(Object o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(o);
        }
        return out.toByteArray();
    }

    /** Reads as Tribuo does, inside the filtered scope. */
    private static Object readScoped(byte[] b) throws IOException {
        return SerialFilter.scoped(() -> {
            try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(b))) {
                return ois.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        });
    }

    @Test
    void allowsTheLibrariesModelsAndValues() throws Exception {
        de.bwaldvogel.liblinear.Model m = new de.bwaldvogel.liblinear.Model();
        assertTrue(readScoped(bytes(m)) instanceof de.bwaldvogel.liblinear.Model);
        assertEquals("x", readScoped(bytes("x")));
        double[] w = (double[]) readScoped(bytes(new double[] {1, 2}));
        assertEquals(2, w.length);
    }

    @Test
    void rejectsGadgetsAndAnythingElse() throws Exception {
        // commons-beanutils' BeanComparator is the classic deserialisation gadget, and it is on our classpath
        byte[] gadget = bytes(new org.apache.commons.beanutils.BeanComparator<Object>("name"));
        assertThrows(InvalidClassException.class, () -> readScoped(gadget));
        List<Object> wrapped = new ArrayList<>(List.of(new java.awt.Point(1, 2)));
        assertThrows(InvalidClassException.class, () -> readScoped(bytes(wrapped)));
    }

    /** Issue 15: 3,000 nested lists overflowed the stack; ~5 KB of nested sets took minutes. */
    @Test
    void refusesDeepNestingQuickly() throws Exception {
        List<Object> deep = new ArrayList<>();
        List<Object> at = deep;
        for (int i = 0; i < 3000; i++) {
            List<Object> next = new ArrayList<>();
            at.add(next);
            at = next;
        }
        byte[] lists;
        try {
            lists = bytes(deep);
        } catch (StackOverflowError e) {
            lists = null; // this JVM cannot even write it; the filter is tested with the sets below
        }
        if (lists != null) {
            byte[] l = lists;
            assertThrows(InvalidClassException.class, () -> readScoped(l));
        }
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        byte[] bomb = bytes(root);
        long t0 = System.nanoTime();
        assertThrows(InvalidClassException.class, () -> readScoped(bomb));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused at once");
    }

    /** Issue 15: a 35-byte stream asked for 16 GB (an array of two billion longs). */
    @Test
    void refusesHugeArraysBeforeAllocating() throws Exception {
        byte[] small = bytes(new long[1]);
        // the length is the four bytes before the one element (8 bytes): make it Integer.MAX_VALUE
        int at = small.length - 8 - 4;
        small[at] = 0x7f;
        small[at + 1] = (byte) 0xff;
        small[at + 2] = (byte) 0xff;
        small[at + 3] = (byte) 0xff;
        assertTrue(small.length < 64, small.length + " bytes");
        assertThrows(InvalidClassException.class, () -> readScoped(small));
    }

    @Test
    void installIsIdempotent() {
        SerialFilter.install();
        SerialFilter.install();
        assertTrue(SerialFilter.isInstalled());
    }
}
