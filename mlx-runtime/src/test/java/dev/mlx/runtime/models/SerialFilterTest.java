package dev.mlx.runtime.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SerialFilterTest {
    private static byte[] bytes(Object o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(o);
        }
        return out.toByteArray();
    }

    private static Object read(byte[] b) throws IOException, ClassNotFoundException {
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(b))) {
            ois.setObjectInputFilter(SerialFilter.FILTER);
            return ois.readObject();
        }
    }

    /** A value of mlx's own: allowed. */
    record Step(String name, double[] weights, Map<String, List<Integer>> index) implements Serializable {
    }

    @Test
    void allowsMlxTribuoAndJdkValues() throws Exception {
        Map<String, List<Integer>> index = new LinkedHashMap<>();
        index.put("a", new ArrayList<>(List.of(1, 2)));
        Step s = new Step("x", new double[] {1, 2}, index);
        Step back = (Step) read(bytes(s));
        assertEquals("x", back.name());
        assertEquals(List.of(1, 2), back.index().get("a"));
        assertEquals(new org.tribuo.classification.Label("yes"), read(bytes(new org.tribuo.classification.Label("yes"))));
    }

    @Test
    void rejectsAGadgetClass() throws Exception {
        // commons-beanutils' BeanComparator is the classic deserialisation gadget, and it is on our classpath
        byte[] gadget = bytes(new org.apache.commons.beanutils.BeanComparator<Object>("name"));
        assertThrows(InvalidClassException.class, () -> read(gadget));
        // and so is anything else outside the allow-list, even inside an allowed container
        List<Object> wrapped = new ArrayList<>(List.of(new java.awt.Point(1, 2)));
        assertThrows(InvalidClassException.class, () -> read(bytes(wrapped)));
    }

    @Test
    void installIsIdempotentAndProcessWide() throws Exception {
        SerialFilter.install();
        SerialFilter.install();
        assertTrue(SerialFilter.isInstalled());
        assertSame(SerialFilter.FILTER, ObjectInputFilter.Config.getSerialFilter());
        byte[] gadget = bytes(new org.apache.commons.beanutils.BeanComparator<Object>("name"));
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(gadget))) {
            assertThrows(InvalidClassException.class, ois::readObject);
        }
    }
}
