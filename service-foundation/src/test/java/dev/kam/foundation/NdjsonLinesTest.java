package dev.kam.foundation;

import dev.kam.foundation.rest.NdjsonLines;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonLinesTest {

    @Test
    void linesAreNumberedFromOneBlankOnesCountedAndCarriageReturnsDropped() throws Exception {
        List<NdjsonLines.Line> lines = read("{\"a\":1}\r\n\n  \n{\"b\":2}", 100);
        assertThat(lines).extracting(NdjsonLines.Line::number).containsExactly(1L, 4L);
        assertThat(lines).extracting(NdjsonLines.Line::text).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void aLineLongerThanTheBoundIsReportedWithoutBeingKeptAndTheNextOneIsRead() throws Exception {
        // 20 MiB in one line, streamed: the reader never holds more than its bound of it.
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                stream("{\"first\":true}\n"), new RepeatingStream('x', 20L * 1024 * 1024), stream("\n{\"last\":true}\n"))));
        NdjsonLines reader = new NdjsonLines(body, 1024);
        NdjsonLines.Line first = reader.next();
        NdjsonLines.Line tooLong = reader.next();
        NdjsonLines.Line last = reader.next();
        assertThat(first.text()).isEqualTo("{\"first\":true}");
        assertThat(tooLong.readable()).isFalse();
        assertThat(tooLong.number()).isEqualTo(2);
        assertThat(tooLong.problem()).contains("longer than 1024 bytes");
        assertThat(last.text()).isEqualTo("{\"last\":true}");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineThatIsNotUtf8IsReportedAsSuch() throws Exception {
        InputStream body = new SequenceInputStream(stream("{\"a\":\""), new ByteArrayInputStream(new byte[]{(byte) 0xC3, (byte) 0x28, '"', '}', '\n'}));
        NdjsonLines.Line line = new NdjsonLines(body, 100).next();
        assertThat(line.problem()).isEqualTo("is not UTF-8 text");
    }

    private static List<NdjsonLines.Line> read(String text, int bound) throws Exception {
        NdjsonLines reader = new NdjsonLines(stream(text), bound);
        List<NdjsonLines.Line> lines = new ArrayList<>();
        for (NdjsonLines.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code length} times the same byte, made up as it is read. */
    private static final class RepeatingStream extends InputStream {
        private final int value;
        private long left;

        RepeatingStream(char value, long length) {
            this.value = value;
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) value);
            left -= n;
            return n;
        }
    }
}
