package dev.kam.bench;

/**
 * One line of BENCHMARKS.md: the platform's figure beside the machine's baseline for the same work.
 *
 * @param higherIsBetter  rates: ratio = platform / baseline; latencies and sizes: ratio = platform / baseline too,
 *                        read against a goal that is a ceiling
 * @param goal            in words, e.g. {@code >= 0.7x baseline}
 * @param met             whether the goal holds
 */
record Metric(String scenario, String name, double platform, Double baseline, String unit, String goal, Boolean met) {

    Double ratio() {
        return baseline == null || baseline == 0 ? null : platform / baseline;
    }
}
