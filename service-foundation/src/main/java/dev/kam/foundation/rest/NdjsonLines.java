package dev.kam.foundation.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Reads an NDJSON body line by line with a bound on each line, so a bulk import's memory stays flat whatever it
 * is sent: a line longer than the bound is skipped to its end without being kept and reported as too long (the
 * import goes on with the next line); a line that is not UTF-8, or holds a NUL byte (never part of JSON text, and
 * text PostgreSQL cannot store), is reported as such. It also takes the SHA-256 of every byte it reads, the body's
 * fingerprint for an {@code Idempotency-Key}.
 */
public final class NdjsonLines {

    /** One line: its number (from 1), its text, or why it cannot be read. */
    public record Line(long number, String text, String problem) {
        public boolean readable() {
            return problem == null;
        }
    }

    private final InputStream body;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int filled;
    private long number;
    private long bytesRead;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final MessageDigest fingerprint = sha256();

    private final long maxTotalBytes;

    /** @param body read as it arrives; buffer it yourself only if it is not */
    public NdjsonLines(InputStream body, int maxBytes) {
        this(body, maxBytes, Long.MAX_VALUE);
    }

    /**
     * @param maxTotalBytes the most bytes the whole body may have: past it, reading stops with a
     *                      {@link BoundedBodies.TooLargeException} (answered 413 naming the limit), before the HTTP server's
     *                      own hard limit would cut the connection without a word
     */
    public NdjsonLines(InputStream body, int maxBytes, long maxTotalBytes) {
        this.body = body;
        this.maxBytes = maxBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Bytes of the body read so far (up to a buffer ahead of the lines returned). */
    public long bytesRead() {
        return bytesRead;
    }

    /** The next line, or null at the end of the body. Blank lines are skipped but counted. */
    public Line next() throws IOException {
        while (true) {
            line.reset();
            boolean tooLong = false;
            boolean ended = false;
            while (true) {
                if (position == filled) {
                    filled = body.read(buffer, 0, buffer.length);
                    position = 0;
                    if (filled <= 0) {
                        filled = 0;
                        ended = true;
                        break;
                    }
                    bytesRead += filled;
                    if (bytesRead > maxTotalBytes) {
                        throw new BoundedBodies.TooLargeException(maxTotalBytes, "the body has more than " + maxTotalBytes
                                + " bytes; an NDJSON import takes at most " + maxTotalBytes + " (kam.http.max-ndjson-body-bytes): "
                                + "split the file");
                    }
                    fingerprint.update(buffer, 0, filled);
                }
                int newline = indexOf(buffer, position, filled);
                int end = newline < 0 ? filled : newline;
                if (!tooLong) {
                    if (line.size() + (end - position) > maxBytes) {
                        tooLong = true;
                        line.reset();
                    } else {
                        line.write(buffer, position, end - position);
                    }
                }
                position = newline < 0 ? filled : newline + 1;
                if (newline >= 0) {
                    break;
                }
            }
            if (ended && line.size() == 0 && !tooLong) {
                return null;
            }
            number++;
            if (tooLong) {
                return new Line(number, null, "is longer than " + maxBytes + " bytes (kam.http.max-ndjson-line-bytes); "
                        + "no record of the platform is that large");
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                return new Line(number, null, "is not UTF-8 text");
            }
            if (text.indexOf('\u0000') >= 0) {
                return new Line(number, null, "holds a NUL byte (0x00), which JSON text never has");
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (!text.isBlank()) {
                return new Line(number, text, null);
            }
            if (ended) {
                return null;
            }
        }
    }

    /**
     * The SHA-256 of the whole body, in hex, once {@link #next()} returned null (before, of the bytes read so far): with
     * the operation and the caller, what tells a retried request from another one under the same {@code Idempotency-Key}.
     */
    public String fingerprint() {
        try {
            return java.util.HexFormat.of().formatHex(((MessageDigest) fingerprint.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what is left of the body, keeping nothing but its fingerprint; returns the bytes read in all. */
    public long drain() throws IOException {
        while (true) {
            int n = body.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return bytesRead;
            }
            bytesRead += n;
            fingerprint.update(buffer, 0, n);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
