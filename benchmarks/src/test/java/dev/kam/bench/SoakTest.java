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
