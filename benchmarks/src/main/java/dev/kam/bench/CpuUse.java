package dev.kam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a phase's CPU went: the cores a process used and how busy the whole machine was, from /proc. Tells a
 * process that is short of CPU from one that waits (on the database, the broker, a lock or the load generator).
 */
final class CpuUse {

    static final double TICKS_PER_SECOND = 100;
    private final long pid;
    private final long processTicks;
    private final long[] machine;
    private final long startNanos = System.nanoTime();

    private CpuUse(long pid) {
        this.pid = pid;
        this.processTicks = processTicks(pid);
        this.machine = machineTicks();
    }

    static CpuUse of(long pid) {
        return new CpuUse(pid);
    }

    /** Cores the process used on average since this was made. */
    double cores() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return (processTicks(pid) - processTicks) / TICKS_PER_SECOND / seconds;
    }

    /** e.g. {@code customer-service 0.62 cores, machine 97 % busy} since this was made. */
    String describe(String process) {
        double cores = cores();
        long[] now = machineTicks();
        double busy = now[1] - machine[1] == 0 ? 0 : 1 - (double) (now[0] - machine[0]) / (now[1] - machine[1]);
        return String.format("%s %.2f cores, machine %.0f %% busy", process, cores, 100 * busy);
    }

    /** The CPU time a process has used, in ticks (its utime and stime); 0 when it is gone. */
    static long processTicks(long pid) {
        long[] stat = PlatformCpu.stat(pid);
        return stat == null ? 0 : stat[1] + stat[2];
    }

    /** {idle + iowait, total} ticks of all cores. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[]{Long.parseLong(fields[4]) + Long.parseLong(fields[5]), total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }
}
