package dev.mlx.check.data;

import java.io.IOException;
import java.io.InputStream;

/**
 * Strict, streaming UTF-8 decoding to UTF-16 units. Hand-written rather than an
 * {@code InputStreamReader} because the JDK decoder cannot say where a bad byte is, and the user
 * needs the line.
 */
final class Utf8Source {
    /** A byte sequence that is not UTF-8; the reader knows the line and turns it into a message. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;
        final int badByte;

        Malformed(int badByte) {
            super("invalid UTF-8 byte 0x" + String.format("%02X", badByte));
            this.badByte = badByte;
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private int pendingLow = -1;

    Utf8Source(InputStream in) {
        this.in = in;
    }

    /** The next UTF-16 unit, or -1 at the end. */
    int read() throws IOException {
        if (pendingLow >= 0) {
            int c = pendingLow;
            pendingLow = -1;
            return c;
        }
        int b = nextByte();
        if (b < 0x80) {
            return b; // ASCII or -1
        }
        int cp;
        int more;
        int min;
        if ((b & 0xE0) == 0xC0) {
            cp = b & 0x1F;
            more = 1;
            min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            cp = b & 0x0F;
            more = 2;
            min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            cp = b & 0x07;
            more = 3;
            min = 0x10000;
        } else {
            throw new Malformed(b);
        }
        for (int i = 0; i < more; i++) {
            int n = nextByte();
            if (n < 0 || (n & 0xC0) != 0x80) {
                throw new Malformed(b); // name the byte that started the broken sequence
            }
            cp = (cp << 6) | (n & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw new Malformed(b);
        }
        if (cp >= 0x10000) {
            pendingLow = Character.lowSurrogate(cp);
            return Character.highSurrogate(cp);
        }
        return cp;
    }

    private int nextByte() throws IOException {
        if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buf[pos++] & 0xFF;
    }
}
