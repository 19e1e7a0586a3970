package dev.kam.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * NDJSON uploads as a CRM's bulk sync sends them, and as an attacker would: good lines mixed with lines of raw bytes no
 * JSON text has (NUL, bytes that are not UTF-8, a lone CR), blank lines, lines {@link JsonFuzzer} mutated, and lines
 * longer than any record. Every upload's first lines are one of each kind. Seeded like {@link JsonFuzzer}.
 */
public final class NdjsonFuzzer {

    /** One upload: its bytes, how many of its lines are good customers (by reference), and what it holds. */
    public record Upload(int number, byte[] body, List<String> goodReferences, int nonBlankLines, String description) {
    }

    private static final int KINDS = 7;

    private final long seed;
    private final Random random;
    private final JsonFuzzer lines;

    public NdjsonFuzzer(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        this.lines = new JsonFuzzer(seed ^ 0x5DEECE66DL);
    }

    public long seed() {
        return seed;
    }

    /**
     * @param goodLine a valid customer line for a reference (its external id), which the upload names
     * @param maxLineBytes the service's longest line: one kind of line goes past it
     */
    public Upload upload(int number, int lineCount, IntFunction<JsonNode> goodLine, String referencePrefix, int maxLineBytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> good = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        int nonBlank = 0;
        for (int i = 0; i < lineCount; i++) {
            int kind = i < KINDS ? i : random.nextInt(KINDS);
            if (kind == 5 && i >= KINDS) {
                kind = 0; // one line past the limit per upload: more would only make the upload too large as a whole
            }
            JsonNode line = goodLine.apply(i);
            byte[] text = line.toString().getBytes(StandardCharsets.UTF_8);
            switch (kind) {
                case 0 -> { // a good line
                    body.writeBytes(text);
                    good.add(line.at("/externalRefs/0/id").asText());
                    nonBlank++;
                    kinds.add("good");
                }
                case 1 -> { // a raw NUL byte inside a string
                    String json = line.toString();
                    int at = json.indexOf("\"legalName\":\"") + 13;
                    body.writeBytes((json.substring(0, at) + "\u0000" + json.substring(at)).getBytes(StandardCharsets.UTF_8));
                    nonBlank++;
                    kinds.add("NUL");
                }
                case 2 -> { // bytes that are not UTF-8
                    body.write(text, 0, text.length / 2);
                    body.write(0xC3);
                    body.write(0x28);
                    body.write(0xFF);
                    body.write(text, text.length / 2, text.length - text.length / 2);
                    nonBlank++;
                    kinds.add("not UTF-8");
                }
                case 3 -> { // blank lines, one with a CR
                    body.writeBytes("\r".getBytes(StandardCharsets.US_ASCII));
                    body.write('\n');
                    kinds.add("blank");
                }
                case 4 -> { // a line mutated as a JSON body would be
                    JsonFuzzer.Case mutated = lines.cases(line, 1).get(0);
                    byte[] bytes = mutated.body();
                    for (byte b : bytes) {
                        body.write(b == '\n' ? ' ' : b); // one line stays one line
                    }
                    nonBlank++;
                    kinds.add("mutated: " + mutated.description());
                }
                case 5 -> { // a line past the service's limit
                    body.writeBytes(("{\"legalName\": \"" + "y".repeat(maxLineBytes + 10) + "\"}").getBytes(StandardCharsets.US_ASCII));
                    nonBlank++;
                    kinds.add("too long");
                }
                default -> { // a good line with CRLF
                    body.writeBytes(text);
                    body.write('\r');
                    good.add(line.at("/externalRefs/0/id").asText());
                    nonBlank++;
                    kinds.add("good, CRLF");
                }
            }
            body.write('\n');
        }
        return new Upload(number, body.toByteArray(), good, nonBlank, "upload " + number + " of " + referencePrefix + ": " + kinds);
    }
}
