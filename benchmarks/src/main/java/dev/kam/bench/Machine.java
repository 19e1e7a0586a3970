package dev.kam.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run was measured on, as BENCHMARKS.md names it. */
final class Machine {

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (Exception ignored) {
            // not Linux: the name stays unknown
        }
        long memoryGiB = -1;
        try {
            memoryGiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                    .findFirst().map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024).orElse(-1L);
        } catch (Exception ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memoryGiB + " GiB RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
    }

    private Machine() {
    }
}
