package dev.kam.bench;

import one.profiler.AsyncProfilerLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import static dev.kam.bench.Bench.progress;

/**
 * {@code ./kam bench --profile}: async-profiler (CPU time, every 5 ms of it, by thread) on each running service while a
 * scenario runs. Writes, per scenario and service, a flame graph ({@code .html}), the collapsed stacks and a summary
 * (share of CPU by library, inclusive; by purpose, each sample once; and the hottest methods) into {@code <home>/profiles}, and prints the summary.
 * Performance work starts from these, not from guesses.
 */
final class Profiler {

    private static final String[] SERVICES = {"customer-service", "scoring-service", "team-coordination-service"};
    /** Libraries by package prefix; a sample counts for every library on its stack (inclusive). */
    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("JSON Schema checks", "com/networknt/");
        LIBRARIES.put("Jackson", "com/fasterxml/jackson/");
        LIBRARIES.put("Kafka clients", "org/apache/kafka/");
        LIBRARIES.put("SmallRye messaging", "io/smallrye/reactive/messaging/");
        LIBRARIES.put("PostgreSQL driver", "org/postgresql/");
        LIBRARIES.put("bean validation", "org/hibernate/validator/");
        LIBRARIES.put("Hibernate ORM", "org/hibernate/orm/");
        LIBRARIES.put("Hibernate (all)", "org/hibernate/");
        LIBRARIES.put("transactions (Narayana)", "com/arjuna/");
        LIBRARIES.put("connection pool (Agroal)", "io/agroal/");
        LIBRARIES.put("REST (RESTEasy Reactive)", "org/jboss/resteasy/reactive/");
        LIBRARIES.put("Vert.x", "io/vertx/");
        LIBRARIES.put("Netty", "io/netty/");
        LIBRARIES.put("OpenTelemetry", "io/opentelemetry/");
        LIBRARIES.put("Micrometer", "io/micrometer/");
        LIBRARIES.put("JWT", "io/smallrye/jwt/");
        LIBRARIES.put("logging", "org/jboss/logmanager/");
        LIBRARIES.put("garbage collection", "G1");
        LIBRARIES.put("JIT compiler", "CompileBroker");
        LIBRARIES.put("KAM's own code", "dev/kam/");
    }

    /**
     * What the CPU was spent for: each sample counts once, for the first purpose on this list with a frame on its stack
     * (a frame or thread name containing one of the markers). The order settles overlaps: an event's schema check inside
     * a transaction is the event's, not the transaction's; an HTTP request's SQL is SQL.
     */
    private static final Map<String, List<String>> PURPOSES = new LinkedHashMap<>();

    static {
        PURPOSES.put("JIT compiler", List.of("CompileBroker", "[C1 CompilerThre", "[C2 CompilerThre"));
        PURPOSES.put("garbage collection", List.of("[GC Thread", "[G1 ", "G1ParScan", "G1Concurrent"));
        PURPOSES.put("events written: built, checked against their schemas, serialised (outbox)", List.of("dev/kam/foundation/outbox/OutboxWriter.eventRow",
                "dev/kam/contracts/EventSchemas"));
        PURPOSES.put("events relayed to Kafka: read, sent, marked published", List.of("dev/kam/foundation/outbox/OutboxRelay", "[kafka-producer"));
        PURPOSES.put("events consumed: polled, decoded, checked", List.of("org/apache/kafka/clients/consumer/", "KafkaCloudEventHelper",
                "dev/kam/foundation/inbox/IdempotentEventProcessor.decode"));
        PURPOSES.put("request bodies read and validated", List.of("dev/kam/foundation/rest/BoundedBodies", "org/hibernate/validator/",
                "dev/kam/foundation/rest/NdjsonLines", "MessageBodyReader"));
        PURPOSES.put("answers written", List.of("ServerSerialisers", "MessageBodyWriter"));
        PURPOSES.put("documents stored as JSON", List.of("dev/kam/foundation/persistence/StoredJson"));
        PURPOSES.put("bearer tokens checked", List.of("org/jose4j/", "io/smallrye/jwt/", "CachingJwtCallerPrincipalFactory"));
        PURPOSES.put("metrics and tracing", List.of("io/micrometer/", "io/opentelemetry/"));
        PURPOSES.put("business rules (domain classes)", List.of("/domain/"));
        PURPOSES.put("SQL: statements, pool, transactions", List.of("org/postgresql/", "io/agroal/", "com/arjuna/", "org/hibernate/"));
        PURPOSES.put("KAM's own code otherwise", List.of("dev/kam/customer/", "dev/kam/scoring/", "dev/kam/team/", "dev/kam/foundation/persistence/",
                "dev/kam/foundation/idempotency/", "dev/kam/foundation/audit/"));
        PURPOSES.put("HTTP server: Netty, Vert.x, RESTEasy, request routing and security", List.of("io/netty/", "io/vertx/", "org/jboss/resteasy/",
                "io/quarkus/", "org/jboss/threads/"));
    }

    /** What is sampled: CPU time ({@code itimer}), or with KAM_BENCH_PROFILE_EVENT=wall where threads wait as well. */
    private static final String EVENT = System.getenv().getOrDefault("KAM_BENCH_PROFILE_EVENT", "itimer");

    private final Path directory;

    Profiler(Path directory) {
        this.directory = directory;
    }

    /**
     * Runs {@code scenario} with the profiler on every running service, then writes and prints what each spent. A
     * service the scenario restarts (scenario 3 does) is profiled again from its restart on.
     */
    <T> T around(String scenario, Callable<T> work, BenchPlatform platform) throws Exception {
        Files.createDirectories(directory);
        Map<String, Long> profiled = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        attachToNew(platform, profiled);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                attachToNew(platform, profiled);
                Scenarios.sleep(500);
            }
        }, "profiler-watcher");
        watcher.setDaemon(true);
        watcher.start();
        try {
            return work.call();
        } finally {
            running.set(false);
            watcher.join();
            for (Map.Entry<String, Long> service : profiled.entrySet()) {
                String name = "scenario-" + scenario + "-" + service.getKey();
                Path collapsed = directory.resolve(name + ".collapsed");
                String pid = String.valueOf(service.getValue());
                if (asprof("dump", "-o", "collapsed", "-f", collapsed.toString(), pid)
                        && asprof("stop", "-o", "flamegraph", "-f", directory.resolve(name + ".html").toString(), pid)) {
                    String summary = summarise(collapsed);
                    Files.writeString(directory.resolve(name + ".txt"), summary);
                    progress("profile of " + service.getKey() + " during scenario " + scenario + " (flame graph "
                            + directory.resolve(name + ".html") + "):\n" + summary);
                }
            }
        }
    }

    /** Starts the profiler on every service process that runs and is not profiled yet (new, or started again). */
    private static void attachToNew(BenchPlatform platform, Map<String, Long> profiled) {
        for (String service : SERVICES) {
            try {
                long pid = platform.pid(service);
                if (!Long.valueOf(pid).equals(profiled.get(service)) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                        && asprof("start", "-e", EVENT, "-i", "5ms", "-t", String.valueOf(pid))) {
                    profiled.put(service, pid);
                }
            } catch (RuntimeException notRunningOrStarting) {
                // not started (yet) in this scenario; the watcher tries again
            }
        }
    }

    /** @return false when asprof failed (the process ended meanwhile, say) */
    private static boolean asprof(String... arguments) {
        try {
            return AsyncProfilerLoader.executeProfiler(arguments).getStdout() != null;
        } catch (IOException e) {
            progress("asprof " + String.join(" ", arguments) + ": " + e.getMessage());
            return false;
        }
    }

    /** The first purpose with a marker in {@code stack} (thread and frames, as collapsed). */
    private static String purpose(String stack) {
        for (Map.Entry<String, List<String>> purpose : PURPOSES.entrySet()) {
            for (String marker : purpose.getValue()) {
                if (stack.contains(marker)) {
                    return purpose.getKey();
                }
            }
        }
        return "JVM and kernel otherwise";
    }

    /** Inclusive shares by library and the 25 hottest methods (self), from async-profiler's collapsed stacks. */
    static String summarise(Path collapsed) throws IOException {
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> purposes = new HashMap<>();
        Map<String, Long> methods = new HashMap<>();
        long samples = 0;
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            List<String> frames = List.of(line.substring(0, space).split(";"));
            if (frames.get(0).startsWith("[") && frames.size() > 1) {
                frames = frames.subList(1, frames.size()); // the thread
            }
            samples += count;
            purposes.merge(purpose(line.substring(0, space)), count, Long::sum);
            methods.merge(frames.get(frames.size() - 1), count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                LIBRARIES.forEach((library, prefix) -> {
                    if (frame.startsWith(prefix) && seen.add(library)) {
                        libraries.merge(library, count, Long::sum);
                    }
                });
            }
        }
        StringBuilder summary = new StringBuilder(samples + " CPU samples (5 ms each); share of CPU with the library on the stack:\n");
        long total = Math.max(1, samples);
        libraries.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(library -> summary.append(String.format("  %5.1f %%  %s%n", 100.0 * library.getValue() / total, library.getKey())));
        summary.append("where the CPU went, by purpose (each sample counted once):\n");
        purposes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(purpose -> summary.append(String.format("  %5.1f %%  %s%n", 100.0 * purpose.getValue() / total, purpose.getKey())));
        summary.append("hottest methods (self):\n");
        methods.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                .forEach(method -> summary.append(String.format("  %5.1f %%  %s%n", 100.0 * method.getValue() / total, method.getKey())));
        return summary.toString();
    }
}
