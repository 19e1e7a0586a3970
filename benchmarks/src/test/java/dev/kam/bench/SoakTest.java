package dev.kam.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's verdict on a series, and its chart, on series made for the purpose. */
class SoakTest {

    @Test
    void aFlatNoisySeriesIsNotRisingAndACreepingOneIs() {
        Random random = new Random(7);
        List<Double> flat = new ArrayList<>();
        List<Double> creeping = new ArrayList<>();
        for (int minute = 0; minute < 27; minute++) {
            flat.add(300 + random.nextGaussian() * 15);
            creeping.add(300 + 3.0 * minute + random.nextGaussian() * 5); // +78 MiB over the run: a leak
        }
        assertThat(Soak.trend(flat, 0.10, 0).rising()).isFalse();
        Soak.Trend leak = Soak.trend(creeping, 0.10, 0);
        assertThat(leak.rising()).isTrue();
        assertThat(leak.slopePerMinute()).isBetween(2.5, 3.5);
    }

    @Test
    void aLiveHeapThatGrewBeyondAFifthAndSixteenMiBIsALeak() {
        assertThat(Soak.grownLiveHeaps(Map.of("customer", 34L, "team", 40L, "scoring", 200L), Map.of("customer", 40L, "team", 70L, "scoring", 230L)))
                .containsExactly("team live heap 40 -> 70 MiB");
    }

    @Test
    void failedUpsertsBeyondTheirShareAfterTheWarmUpOrAFailedTaskFailTheSoak() {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int minute = 1; minute <= 10; minute++) {
            // the warm-up's refusals do not count; after it, 20 of 4,220 fail (within 0.5 %), then 22 do
            samples.add(Map.of("minute", minute, "upserts", 600L, "failedUpserts", minute <= 3 ? 400L : minute == 4 ? 20L : 0L));
        }
        assertThat(Soak.errorsAfterWarmUp(samples, 0)).isEmpty();
        samples.set(9, Map.of("minute", 10, "upserts", 598L, "failedUpserts", 2L));
        assertThat(Soak.errorsAfterWarmUp(samples, 0)).singleElement().asString().startsWith("22 of 4220 upserts after the warm-up failed");
        assertThat(Soak.errorsAfterWarmUp(List.of(), 1)).containsExactly(
                "1 import jobs, model activations or staffing rounds failed after the warm-up");
    }

    @Test
    void theOracleStartsFromCustomerServicesCustomersNotFromWhatScoringKnows() {
        Map<String, Long> customers = Map.of("a", 3L, "b", 1L, "c", 2L);
        assertThat(Soak.scoringBehind(customers, Map.of("a", 3L, "b", 1L, "c", 2L), java.util.Set.of("a", "b", "c"))).isEmpty();
        // c never reached scoring: before, the oracle walked scoring's rows only and could not see it
        assertThat(Soak.scoringBehind(customers, Map.of("a", 3L, "b", 1L), java.util.Set.of("a", "b")))
                .containsExactly("1 customers scoring does not know", "1 customers without a score");
        assertThat(Soak.scoringBehind(customers, Map.of("a", 2L, "b", 1L, "c", 2L), java.util.Set.of("a", "b", "c")))
                .containsExactly("1 customers whose last change scoring has not applied");
    }

    @Test
    void theRulesAreTheOnesFixedBeforeTheFifthRun() {
        // changing one needs a measurement that is not the run it would judge, written in BENCHMARKS.md: this test moves with it
        assertThat(Soak.RULES).isEqualTo(new Soak.Rules(3, 3, 0.10, 0.25, 1_000, 0.20, 16, 0.005, 0));
    }

    @Test
    void aRiseWithinItsFloorIsNotRising() {
        List<Double> lag = new ArrayList<>();
        for (int minute = 0; minute < 27; minute++) {
            lag.add((double) minute * 10); // steady, but 260 records over half an hour is below the 1,000-record floor
        }
        assertThat(Soak.trend(lag, 0, 1_000).rising()).isFalse();
        assertThat(Soak.trend(lag, 0, 100).rising()).isTrue();
    }

    @Test
    void theRateIsHalfTheHighestEndToEndRateTheBenchmarkMeasured(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        java.nio.file.Files.writeString(root.resolve("bench-results.json"), """
                {"metrics": [
                  {"scenario": "1. REST upserts by external ref, 16 clients", "name": "max sustained upserts/s", "platform": 1435.0},
                  {"scenario": "4. end-to-end latency at 200 changes/s", "name": "REST call -> team FORMING, p99", "platform": 1131.4},
                  {"scenario": "4. end-to-end latency at 100 changes/s", "name": "REST call -> team FORMING, p99", "platform": 160.8}
                ]}""");
        assertThat(Soak.halfTheMeasuredCapacity(root)).isEqualTo(100.0);
    }

    @Test
    void theChartDrawsALinePerSeries() {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int minute = 1; minute <= 5; minute++) {
            samples.add(Map.of("minute", minute, "customerRssMiB", 300L + minute, "customerHeapMiB", 80L, "p50Ms", 5.0, "p99Ms", 40.0,
                    "lag", 0L, "backlog", 3L));
        }
        String svg = SoakChart.svg(samples, List.of("customer"));
        assertThat(svg).startsWith("<svg").contains("resident memory", "heap after GC", "upsert latency", "consumer lag");
        assertThat(svg.split("<polyline", -1)).hasSize(1 + 6);
    }
}
