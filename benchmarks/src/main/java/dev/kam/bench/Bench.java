package dev.kam.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./kam bench}: runs the scenarios against the platform ./kam started with production settings,
 * each with a warm-up and repetitions, beside a baseline of the same machine measured in the same run, and
 * writes BENCHMARKS.md with the raw figures in bench-results.json.
 *
 * <pre>
 * Bench --root DIR --home DIR [--quick] [--only 1,2,6] [--profile]
 * </pre>
 */
public final class Bench {

    /** Sizes and durations: the full run, or a quick one (a tenth of the data, one repetition) to try the harness. */
    /** {@code warmUp}: a fixed warm-up, and a window of one that lasts until the rate is steady, at most {@code maxWarmUp}. */
    record Plan(boolean quick, int repetitions, Duration warmUp, Duration maxWarmUp, Duration measure, int importRows, int pipelineEvents,
                int rescoreCustomers, Duration latencyRun) {
        static Plan of(boolean quick) {
            return quick
                    ? new Plan(true, 1, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(8), 20_000, 20_000, 100_000, Duration.ofSeconds(10))
                    : new Plan(false, 3, Duration.ofSeconds(15), Duration.ofSeconds(180), Duration.ofSeconds(20), 200_000, 200_000, 1_000_000,
                    Duration.ofSeconds(30));
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        Path home = null;
        boolean quick = false;
        Set<String> only = Set.of("0", "1", "2", "3", "4", "5", "6"); // a partial run (--only) prints its table and leaves BENCHMARKS.md alone
        double upSeconds = Double.NaN;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--home" -> home = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--up-seconds" -> upSeconds = Double.parseDouble(args[++i]);
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("--home is required");
        }
        BenchPlatform platform = new BenchPlatform(root.toAbsolutePath().normalize(), home.toAbsolutePath().normalize());
        Plan plan = Plan.of(quick);
        Map<String, Object> raw = new LinkedHashMap<>();
        List<Metric> metrics = new ArrayList<>();
        Instant started = Instant.now();
        Scenarios scenarios = new Scenarios(platform, plan, raw);
        Profiler profiler = profile ? new Profiler(platform.home.resolve("profiles")) : null;
        if (only.contains("0")) {
            metrics.add(newcomersDemo(platform, upSeconds));
        }
        if (only.contains("1") || only.contains("2")) {
            // scenarios 1 and 2 measure customer-service; its consumers would compete for the same cores with a
            // backlog of hundreds of thousands of events (scenario 3 measures them on a loaded topic)
            progress("scoring-service and team-coordination-service pause during scenarios 1 and 2");
            platform.kam("stop", "scoring-service");
            platform.kam("stop", "team-coordination-service");
        }
        if (only.contains("1") || only.contains("6")) {
            metrics.addAll(profiled(profiler, platform, "1", () -> scenarios.restUpserts()));
        }
        if (only.contains("2")) {
            metrics.addAll(profiled(profiler, platform, "2", () -> scenarios.bulkImport()));
        }
        if (only.contains("3")) {
            metrics.addAll(profiled(profiler, platform, "3", () -> scenarios.pipeline()));
        }
        if (only.contains("4")) {
            platform.kam("start", "scoring-service");
            platform.kam("start", "team-coordination-service");
            metrics.addAll(profiled(profiler, platform, "4", () -> scenarios.endToEnd()));
        }
        if (only.contains("5")) {
            platform.kam("start", "scoring-service");
            platform.kam("start", "team-coordination-service");
            metrics.addAll(profiled(profiler, platform, "5", () -> scenarios.rescore()));
        }
        if (only.contains("6")) {
            metrics.addAll(scenarios.startupAndMemory());
        }
        boolean partial = only.size() < 7;
        Report.write(platform.root, plan, Machine.describe(), metrics, raw, started, partial);
        System.exit(0); // the HTTP client's threads would keep the JVM, and so ./kam bench, waiting
    }

    /**
     * Scenario 0: the newcomer's path on a fresh platform, ./kam up (timed by ./kam bench) and then ./kam demo until
     * its summary is printed. Runs first, on empty databases, as a newcomer's would be.
     */
    private static Metric newcomersDemo(BenchPlatform platform, double upSeconds) throws Exception {
        progress("scenario 0: ./kam demo on the fresh platform");
        long start = System.nanoTime();
        platform.kam("demo");
        double demoSeconds = (System.nanoTime() - start) / 1e9;
        double total = (Double.isNaN(upSeconds) ? 0 : upSeconds) + demoSeconds;
        progress(String.format("scenario 0: ./kam up %.0f s + ./kam demo %.0f s", upSeconds, demoSeconds));
        return new Metric("0. newcomer: ./kam up, then ./kam demo", String.format("seconds until the demo's summary (up %.0f s + demo %.0f s)",
                upSeconds, demoSeconds), total, null, "s", "<= 120 s", total <= 120);
    }

    private static List<Metric> profiled(Profiler profiler, BenchPlatform platform, String scenario,
                                         java.util.concurrent.Callable<List<Metric>> work) throws Exception {
        return profiler == null ? work.call() : profiler.around(scenario, work, platform);
    }

    /** Seconds always (LocalTime.toString leaves out zero seconds). */
    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    static void progress(String message) {
        System.out.println("[" + java.time.LocalTime.now().format(CLOCK) + "] " + message);
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Bench() {
    }

    static void writeJson(Path file, Object value) throws java.io.IOException {
        Files.writeString(file, JSON.writeValueAsString(value));
    }
}
