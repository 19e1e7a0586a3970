package dev.kam.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Property-based fuzzing of JSON request bodies: from a valid example it derives random and mutated bodies
 * (members removed, retyped, added; extreme numbers and strings, NUL and control characters, deep nesting,
 * duplicate keys, truncation, random documents), and the shapes an attacker with a valid token tried: huge
 * exponents and long digit strings, escaped control characters and unpaired surrogates, dates at and beyond
 * what can be stored, ids with path separators and line breaks, periods a calendar cannot add, amounts at each edge
 * of the money limit, and large documents that are still legal (lists grown to hundreds of items of long multi-byte
 * text). Some cases are sent in chunks, without a length. The first cases of a run are one of each kind; the seed is
 * new each run, printed, and named in every failure: {@code -Dkam.fuzz.seed=...} repeats a run.
 */
public final class JsonFuzzer {

    /** One generated body and how it was made; {@code chunked}: send it without a Content-Length. */
    public record Case(int number, String description, byte[] body, boolean chunked) {
        Case(int number, String description, byte[] body) {
            this(number, description, body, false);
        }

        public String text() {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.length() > 300 ? text.substring(0, 300) + "... (" + body.length + " bytes)" : text;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] STRINGS = {"", " ", "\u0000", "a\u0000b", "\u0007\b\f", "😀🏭", "\u202Eevil", "ÄÖÜß",
            "<script>alert(1)</script>", "'; DROP TABLE customer; --", "null", "9999-99-99", "2026-13-45", "-1", "NaN",
            "EUR", "XX", "de", "DE ", "KEY_ACCOUNT", "key_account", "\uD800", "%00", "../../etc/passwd"};
    private static final String[] NUMBERS = {"0", "-0", "-1", "1e308", "-1e308", "1e400", "0.000000000000000000001",
            "99999999999999999999999999999999", "-99999999999999999999999999999999", "2147483648", "9223372036854775808",
            "1.5", "3.14159265358979323846264338327950288"};
    /** Numbers that are cheap to send and dear to scale, store or read back. */
    private static final String[] HUGE_NUMBERS = {"1e1000", "1e10000000", "-1e10000000", "1e-10000000", "9.99e999999999",
            "999999999999999.9999", "1000000000000000", "0.00001", "1" + "0".repeat(998), "9".repeat(999) + ".9"};
    /** Text with characters that escape to six bytes each in JSON, and halves of surrogate pairs. */
    private static final String[] CONTROL_TEXT = {"\u0001\u0002\u0003", "a\u001Fb", "\u007F", "\u0085next line", "\u009B",
            "\uD83D", "\uDE00x", "\u0000".repeat(3), "\u0008".repeat(1000), "line\nbreak\ttab\r"};
    /** Dates and instants at the edges of what can be stored, and beyond. */
    private static final String[] DATES = {"0001-01-01", "9999-12-31", "0000-01-01", "10000-01-01", "+10000-01-01", "-0001-01-01",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "0000-12-31T23:59:59Z", "2026-02-30", "2026-11-01T25:00:00Z"};
    /** Periods and durations, as a plan's cadence takes them: at, within and far beyond what a calendar can add. */
    public static final String[] PERIODS = {"P999999999Y", "P2147483647Y", "P10000Y", "P1Y", "P12M", "P13M", "P366D", "P367D", "PT1H", "P0D",
            "-P1D", "P1Y-1M", "P2147483647D", "P2147483647M", "P1W", "weekly", "P9999999999999999999Y", "P1Y1D"};
    /** Amounts at each edge of the money limit (positive, below 10^15, at most 4 decimals), inside and just outside. */
    public static final String[] EDGE_AMOUNTS = {"999999999999999.9999", "999999999999999.94", "999999999999999.99995", "1000000000000000",
            "1E+15", "0.0001", "0.00005", "0.00009999", "1E-4", "9.999999999999999999E14", "0", "-0.0001", "123456789.12"};
    /** Ids a path, a log line or a header would read differently. */
    private static final String[] IDS = {"a/b", "../../etc/passwd", "..", ".", "a\\b", "a\r\nX-Injected: yes", " padded ", "a\u0000b",
            "%2F..%2F", "a?b#c", "\u202Eevil", "x".repeat(256), ""};

    private final long seed;
    private final Random random;

    public JsonFuzzer(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** This run's seed, chosen once per JVM. */
    private static final long RUN_SEED = chooseSeed();

    private static long chooseSeed() {
        Long given = Long.getLong("kam.fuzz.seed");
        long seed = given != null ? given : new java.security.SecureRandom().nextLong();
        System.out.println("fuzz seed " + seed + (given != null ? " (from -Dkam.fuzz.seed)" : " (a new one each run; -Dkam.fuzz.seed="
                + seed + " repeats this run)"));
        return seed;
    }

    /**
     * The seed from {@code -Dkam.fuzz.seed}, else a new one each run (printed, and named in every failure), so that runs
     * go on finding new cases instead of repeating one fixed set.
     */
    public static long seedFromSystem() {
        return RUN_SEED;
    }

    /** How many kinds of case there are: the first cases of every run are one of each, in order, so each kind is reached. */
    static final int KINDS = 26;

    public long seed() {
        return seed;
    }

    public List<Case> cases(JsonNode example, int count) {
        List<Case> cases = new ArrayList<>(count);
        for (int number = 0; number < count; number++) {
            cases.add(next(number, example));
        }
        return cases;
    }

    private Case next(int number, JsonNode example) {
        Case made = make(number, example);
        // One case in six goes in chunks: a body without Content-Length must meet the same limits.
        return random.nextInt(6) == 0 ? new Case(made.number(), made.description() + ", sent in chunks", made.body(), true) : made;
    }

    private Case make(int number, JsonNode example) {
        int kind = number < KINDS ? number : random.nextInt(KINDS);
        JsonNode copy = example.deepCopy();
        switch (kind) {
            case 0 -> {
                String path = removeRandomMember(copy);
                return json(number, "without " + path, copy);
            }
            case 1, 2 -> {
                JsonNode value = randomValue(3);
                String path = replaceRandomMember(copy, value);
                return json(number, path + " = " + value, copy);
            }
            case 3 -> {
                String path = replaceRandomMember(copy, NODES.textNode(pick(STRINGS)));
                return json(number, path + " = a hostile string", copy);
            }
            case 4 -> {
                String path = replaceRandomMember(copy, NODES.numberNode(new BigDecimal(pick(NUMBERS))));
                return json(number, path + " = an extreme number", copy);
            }
            case 5 -> {
                String path = replaceRandomMember(copy, NODES.textNode("x".repeat(50_000 + random.nextInt(50_000))));
                return json(number, path + " = a very long string", copy);
            }
            case 6 -> {
                if (copy instanceof ObjectNode object) {
                    object.set("unexpected" + random.nextInt(100), randomValue(2));
                }
                return json(number, "an unknown member", copy);
            }
            case 7 -> {
                byte[] text = bytes(copy);
                int cut = text.length <= 1 ? 0 : random.nextInt(text.length - 1);
                return new Case(number, "truncated at byte " + cut, java.util.Arrays.copyOf(text, cut));
            }
            case 8 -> {
                int depth = 500 + random.nextInt(5_000);
                String nested = "[".repeat(depth) + "]".repeat(depth);
                return new Case(number, "nested " + depth + " deep", nested.getBytes(StandardCharsets.UTF_8));
            }
            case 9 -> {
                String text = new String(bytes(copy), StandardCharsets.UTF_8);
                Iterator<String> names = copy.fieldNames();
                if (names.hasNext() && text.startsWith("{")) {
                    String name = names.next();
                    text = "{\"" + name + "\": " + randomValue(1) + ", " + text.substring(1);
                }
                return new Case(number, "a duplicate key", text.getBytes(StandardCharsets.UTF_8));
            }
            case 10 -> {
                JsonNode value = randomValue(4);
                return json(number, "a random document", value);
            }
            case 12, 13 -> {
                String path = replaceRandomLeaf(copy, JsonNode::isTextual, NODES.textNode(pick(STRINGS)));
                return json(number, "text " + path + " = a hostile string", copy);
            }
            case 16 -> {
                String number16 = pick(HUGE_NUMBERS);
                String path = replaceRandomLeaf(copy, JsonNode::isNumber, NODES.numberNode(new BigDecimal(number16)));
                return json(number, "number " + path + " = " + abbreviate(number16), copy);
            }
            case 17 -> {
                String text = pick(CONTROL_TEXT);
                String path = replaceRandomLeaf(copy, JsonNode::isTextual, NODES.textNode(text));
                return json(number, "text " + path + " = escaped control characters", copy);
            }
            case 18 -> {
                String date = pick(DATES);
                String path = replaceRandomLeaf(copy, node -> node.isTextual() && node.asText().matches("\\d{4}-\\d{2}-\\d{2}.*"),
                        NODES.textNode(date));
                if (path.equals("(no such leaf)")) {
                    path = replaceRandomLeaf(copy, JsonNode::isTextual, NODES.textNode(date));
                }
                return json(number, "date " + path + " = " + date, copy);
            }
            case 19 -> {
                String id = pick(IDS);
                String path = replaceRandomLeaf(copy, JsonNode::isTextual, NODES.textNode(id));
                return json(number, "text " + path + " = an id with separators", copy);
            }
            case 20, 21 -> {
                int items = 50 + random.nextInt(600);
                int length = 20 + random.nextInt(300);
                String path = inflate(copy, items, length);
                return json(number, "large document: " + path + " grown to " + items + " items of " + length + " characters", copy);
            }
            case 14 -> {
                String path = replaceRandomLeaf(copy, JsonNode::isNumber, NODES.numberNode(new BigDecimal(pick(NUMBERS))));
                return json(number, "number " + path + " = an extreme number", copy);
            }
            case 22, 23 -> {
                String period = pick(PERIODS);
                String path = replaceNamedLeafOrAny(copy, "cadence", JsonNode::isTextual, NODES.textNode(period));
                return json(number, "period " + path + " = " + period, copy);
            }
            case 24, 25 -> {
                String amount = pick(EDGE_AMOUNTS);
                String path = replaceNamedLeafOrAny(copy, "amount", JsonNode::isNumber, NODES.numberNode(new BigDecimal(amount)));
                return json(number, "amount " + path + " = " + amount, copy);
            }
            default -> {
                for (int i = 0; i < 3; i++) {
                    replaceRandomMember(copy, randomValue(2));
                }
                return json(number, "three members replaced", copy);
            }
        }
    }

    /**
     * Grows the document toward its limits: one array repeats its first item {@code items} times and every text in
     * the copies becomes {@code length} characters of random multi-byte text (distinct, so nothing is a duplicate).
     */
    private String inflate(JsonNode root, int items, int length) {
        List<Object[]> arrays = new ArrayList<>();
        collectLeaves(root, "", node -> node.isArray() && node.size() > 0, arrays);
        List<Object[]> texts = new ArrayList<>();
        collectLeaves(root, "", JsonNode::isTextual, texts);
        for (Object[] text : texts) {
            if (random.nextInt(3) == 0) {
                set((JsonNode) text[0], (String) text[1], NODES.textNode(randomText(length)));
            }
        }
        if (arrays.isEmpty()) {
            return "text";
        }
        Object[] chosen = arrays.get(random.nextInt(arrays.size()));
        JsonNode container = (JsonNode) chosen[0];
        String member = (String) chosen[1];
        ArrayNode array = (ArrayNode) (container.isObject() ? container.get(member) : container.get(Integer.parseInt(member)));
        JsonNode template = array.get(0);
        for (int i = array.size(); i < items; i++) {
            JsonNode copy = template.deepCopy();
            List<Object[]> copyTexts = new ArrayList<>();
            if (copy.isTextual()) {
                copy = NODES.textNode(randomText(length));
            } else {
                collectLeaves(copy, "", JsonNode::isTextual, copyTexts);
                for (Object[] text : copyTexts) {
                    set((JsonNode) text[0], (String) text[1], NODES.textNode(i + "-" + randomText(length)));
                }
            }
            array.add(copy);
        }
        return (String) chosen[2];
    }

    private static void set(JsonNode container, String member, JsonNode value) {
        if (container instanceof ObjectNode object) {
            object.set(member, value);
        } else if (container instanceof ArrayNode array) {
            array.set(Integer.parseInt(member), value);
        }
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            text.appendCodePoint(kind == 0 ? 0x4E00 + random.nextInt(0x5000) : kind == 1 ? 0xC0 + random.nextInt(0x100) : 'a' + random.nextInt(26));
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 20) + "... (" + text.length() + " characters)" : text;
    }

    private Case json(int number, String description, JsonNode node) {
        return new Case(number, description, bytes(node));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode randomValue(int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(new BigDecimal(pick(NUMBERS)));
            case 3 -> NODES.numberNode(random.nextInt());
            case 4 -> NODES.textNode(pick(STRINGS));
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(pick(new String[]{"id", "amount", "currency", "name", "country", "x", "version"}), randomValue(depth - 1));
                }
                yield object;
            }
        };
    }

    /** Removes one member somewhere in the tree; returns its path. */
    private String removeRandomMember(JsonNode root) {
        String[] path = {"(nothing)"};
        visitRandomContainer(root, "", (container, member) -> {
            if (container instanceof ObjectNode object) {
                object.remove(member);
            } else if (container instanceof ArrayNode array) {
                array.remove(Integer.parseInt(member));
            }
            path[0] = member;
        });
        return path[0];
    }

    /** Replaces one member somewhere in the tree; returns its path. */
    private String replaceRandomMember(JsonNode root, JsonNode value) {
        String[] path = {"(nothing)"};
        visitRandomContainer(root, "", (container, member) -> {
            if (container instanceof ObjectNode object) {
                object.set(member, value);
            } else if (container instanceof ArrayNode array) {
                array.set(Integer.parseInt(member), value);
            }
            path[0] = member;
        });
        return path[0];
    }

    /** Replaces a leaf that {@code kind} accepts (so the body keeps its shape and passes type checks). */
    private String replaceRandomLeaf(JsonNode root, java.util.function.Predicate<JsonNode> kind, JsonNode value) {
        List<Object[]> leaves = new ArrayList<>();
        collectLeaves(root, "", kind, leaves);
        if (leaves.isEmpty()) {
            return "(no such leaf)";
        }
        Object[] leaf = leaves.get(random.nextInt(leaves.size()));
        JsonNode container = (JsonNode) leaf[0];
        String member = (String) leaf[1];
        if (container instanceof ObjectNode object) {
            object.set(member, value);
        } else {
            ((ArrayNode) container).set(Integer.parseInt(member), value);
        }
        return (String) leaf[2];
    }

    /** Replaces a leaf named {@code name} when the document has one (a cadence, an amount), else any leaf of the kind. */
    private String replaceNamedLeafOrAny(JsonNode root, String name, java.util.function.Predicate<JsonNode> kind, JsonNode value) {
        List<Object[]> leaves = new ArrayList<>();
        collectLeaves(root, "", kind, leaves);
        List<Object[]> named = leaves.stream().filter(leaf -> name.equals(leaf[1])).toList();
        List<Object[]> candidates = named.isEmpty() ? leaves : named;
        if (candidates.isEmpty()) {
            if (root instanceof ObjectNode object) {
                object.set(name, value);
                return "/" + name;
            }
            return "(no such leaf)";
        }
        Object[] leaf = candidates.get(random.nextInt(candidates.size()));
        set((JsonNode) leaf[0], (String) leaf[1], value);
        return (String) leaf[2];
    }

    private static void collectLeaves(JsonNode node, String path, java.util.function.Predicate<JsonNode> kind, List<Object[]> leaves) {
        if (node instanceof ObjectNode) {
            node.fields().forEachRemaining(field -> {
                String childPath = path + "/" + field.getKey();
                if (kind.test(field.getValue())) {
                    leaves.add(new Object[]{node, field.getKey(), childPath});
                }
                collectLeaves(field.getValue(), childPath, kind, leaves);
            });
        } else if (node instanceof ArrayNode) {
            for (int i = 0; i < node.size(); i++) {
                String childPath = path + "/" + i;
                if (kind.test(node.get(i))) {
                    leaves.add(new Object[]{node, String.valueOf(i), childPath});
                }
                collectLeaves(node.get(i), childPath, kind, leaves);
            }
        }
    }

    private interface MemberAction {
        void apply(JsonNode container, String member);
    }

    private void visitRandomContainer(JsonNode node, String path, MemberAction action) {
        List<String> members = new ArrayList<>();
        if (node instanceof ObjectNode) {
            node.fieldNames().forEachRemaining(members::add);
        } else if (node instanceof ArrayNode) {
            for (int i = 0; i < node.size(); i++) {
                members.add(String.valueOf(i));
            }
        }
        if (members.isEmpty()) {
            return;
        }
        String member = members.get(random.nextInt(members.size()));
        JsonNode child = node instanceof ObjectNode ? node.get(member) : node.get(Integer.parseInt(member));
        if (child.isContainerNode() && child.size() > 0 && random.nextBoolean()) {
            visitRandomContainer(child, path + "/" + member, action);
        } else {
            action.apply(node, member);
        }
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Runs {@code check} on every case, collecting failures so one run reports them all. */
    public static List<String> everyCase(List<Case> cases, long seed, Consumer<Case> check) {
        List<String> failures = new ArrayList<>();
        for (Case generated : cases) {
            try {
                check.accept(generated);
            } catch (AssertionError e) {
                failures.add("seed " + seed + " case " + generated.number() + " (" + generated.description() + "): "
                        + e.getMessage() + "\n  body: " + generated.text());
            }
        }
        return failures;
    }
}
