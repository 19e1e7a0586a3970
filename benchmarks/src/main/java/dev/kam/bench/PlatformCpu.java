package dev.kam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cores each part of the platform used during a phase: services, Kafka, PostgreSQL (its server and every
 * backend, including those that ended during the phase) and the load generator. Says which part a scenario's
 * CPU went to when they all share the machine's cores.
 */
final class PlatformCpu {

    private final BenchPlatform platform;
    private final List<String> services;
    private final Map<String, Long> startTicks;
    private final long startNanos = System.nanoTime();

    private PlatformCpu(BenchPlatform platform, List<String> services) {
        this.platform = platform;
        this.services = services;
        this.startTicks = ticks();
    }

    static PlatformCpu start(BenchPlatform platform, String... services) {
        return new PlatformCpu(platform, List.of(services));
    }

    /** e.g. {@code scoring-service 0.62, team-coordination-service 0.41, Kafka 0.12, PostgreSQL 0.70, load generator 0.05 cores}. */
    String describe() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Long> now = ticks();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> part : now.entrySet()) {
            double cores = (part.getValue() - startTicks.getOrDefault(part.getKey(), 0L)) / CpuUse.TICKS_PER_SECOND / seconds;
            out.append(out.isEmpty() ? "" : ", ").append(part.getKey()).append(String.format(" %.2f", cores));
        }
        return out.append(" cores").toString();
    }

    private Map<String, Long> ticks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String service : services) {
            ticks.put(service, CpuUse.processTicks(platform.pid(service)));
        }
        ticks.put("Kafka", CpuUse.processTicks(platform.pid("kafka")));
        ticks.put("PostgreSQL", postgresTicks());
        ticks.put("load generator", CpuUse.processTicks(ProcessHandle.current().pid()));
        return ticks;
    }

    /** The postmaster (pg_ctl detaches it from the launcher, so it is found by its data directory) and its backends. */
    private long postgresTicks() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(platform.home.resolve("data/postgres/postmaster.pid")).get(0).trim());
            long[] stat = stat(postmaster);
            return stat == null ? 0 : stat[1] + stat[2] + stat[3] + stat[4] + descendantTicks(postmaster);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The processes under {@code ancestor}, with the children they reaped. */
    private static long descendantTicks(long ancestor) {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, long[]> stats = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(path -> {
                long[] stat = stat(Long.parseLong(path.getFileName().toString()));
                if (stat != null) {
                    parents.put(Long.parseLong(path.getFileName().toString()), stat[0]);
                    stats.put(Long.parseLong(path.getFileName().toString()), stat);
                }
            });
        } catch (IOException e) {
            return 0;
        }
        long total = 0;
        for (Map.Entry<Long, long[]> process : stats.entrySet()) {
            if (descends(process.getKey(), ancestor, parents)) {
                long[] stat = process.getValue();
                total += stat[1] + stat[2] + stat[3] + stat[4];
            }
        }
        return total;
    }

    private static boolean descends(long pid, long ancestor, Map<Long, Long> parents) {
        Long parent = parents.get(pid);
        for (int depth = 0; parent != null && depth < 16; depth++) {
            if (parent == ancestor) {
                return true;
            }
            parent = parents.get(parent);
        }
        return false;
    }

    /** {ppid, utime, stime, cutime, cstime} of a process, null when it is gone. */
    static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[]{Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
