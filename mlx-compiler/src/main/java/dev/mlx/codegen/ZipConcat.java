package dev.mlx.codegen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Joins two zip archives into one without inflating anything: the entries of the first, then the
 * entries of the second copied byte for byte, then one central directory naming both (the second's
 * offsets shifted). A compiled experiment is a few small generated entries in front of the runtime
 * bundle's thousands, so this copies 35 MB instead of recompressing it.
 *
 * <p>Only plain archives are accepted (no zip64, no spanning, no archive comment in the second part):
 * exactly what {@code JarOutputStream} and the Maven shade plugin write. Anything else is a bug of the
 * build, reported as such.
 */
final class ZipConcat {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL = 0x06054b50;
    private static final int CENTRAL_FIXED = 46;
    private static final int END_FIXED = 22;

    private ZipConcat() {
    }

    /** One archive read as its local section and its central directory records. */
    private record Archive(byte[] bytes, int localEnd, List<Central> entries) {
    }

    /** A central directory record: its bytes, where its local header starts, and its name. */
    private record Central(byte[] bytes, int localOffset, String name) {
    }

    /**
     * Writes {@code first}'s entries, then every entry of {@code second} whose name is not in
     * {@code first}, as one archive.
     */
    static void write(byte[] first, byte[] second, OutputStream out) throws IOException {
        Archive a = read(first, "the generated part");
        Archive b = read(second, "the runtime bundle");
        Set<String> names = new java.util.HashSet<>();
        for (Central c : a.entries()) {
            names.add(c.name());
        }
        long shift = a.localEnd();
        if (shift + b.localEnd() > 0xFFFF_FFFFL) {
            throw new IllegalStateException("a compiled experiment over 4 GB needs zip64, which is not written here");
        }
        out.write(a.bytes(), 0, a.localEnd());
        out.write(b.bytes(), 0, b.localEnd());
        long centralStart = shift + b.localEnd();
        long centralSize = 0;
        int count = 0;
        for (Central c : a.entries()) {
            out.write(c.bytes());
            centralSize += c.bytes().length;
            count++;
        }
        for (Central c : b.entries()) {
            if (names.contains(c.name())) {
                continue;
            }
            byte[] moved = c.bytes().clone();
            ByteBuffer.wrap(moved).order(ByteOrder.LITTLE_ENDIAN).putInt(42, (int) (c.localOffset() + shift));
            out.write(moved);
            centralSize += moved.length;
            count++;
        }
        if (count > 0xFFFF) {
            throw new IllegalStateException("a compiled experiment with " + count + " entries needs zip64");
        }
        ByteBuffer end = ByteBuffer.allocate(END_FIXED).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(END_OF_CENTRAL).putShort((short) 0).putShort((short) 0)
                .putShort((short) count).putShort((short) count)
                .putInt((int) centralSize).putInt((int) centralStart).putShort((short) 0);
        out.write(end.array());
    }

    private static Archive read(byte[] zip, String what) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = -1;
        for (int i = zip.length - END_FIXED; i >= Math.max(0, zip.length - END_FIXED - 0xFFFF); i--) {
            if (buf.getInt(i) == END_OF_CENTRAL) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new IllegalStateException(what + " is not a zip archive");
        }
        int entries = Short.toUnsignedInt(buf.getShort(end + 10));
        long size = Integer.toUnsignedLong(buf.getInt(end + 12));
        long start = Integer.toUnsignedLong(buf.getInt(end + 16));
        if (entries == 0xFFFF || start == 0xFFFF_FFFFL || start + size != end) {
            throw new IllegalStateException(what + " uses zip64 or has data after its central directory");
        }
        List<Central> list = new ArrayList<>(entries);
        int p = (int) start;
        for (int i = 0; i < entries; i++) {
            if (buf.getInt(p) != CENTRAL_HEADER) {
                throw new IllegalStateException(what + ": central directory record " + i + " is damaged");
            }
            int nameLength = Short.toUnsignedInt(buf.getShort(p + 28));
            int extraLength = Short.toUnsignedInt(buf.getShort(p + 30));
            int commentLength = Short.toUnsignedInt(buf.getShort(p + 32));
            int local = buf.getInt(p + 42);
            if (local < 0 || local >= start || buf.getInt(local) != LOCAL_HEADER) {
                throw new IllegalStateException(what + ": entry " + i + " points outside its archive");
            }
            int length = CENTRAL_FIXED + nameLength + extraLength + commentLength;
            byte[] record = new byte[length];
            System.arraycopy(zip, p, record, 0, length);
            String name = new String(zip, p + CENTRAL_FIXED, nameLength, StandardCharsets.UTF_8);
            list.add(new Central(record, local, name));
            p += length;
        }
        return new Archive(zip, (int) start, list);
    }
}
