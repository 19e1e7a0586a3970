package dev.kam.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform as a newcomer has it after {@code ./kam up} and {@code ./kam demo}, with an OpenTelemetry collector
 * named, shared by the tests that need the demo's portfolio (DemoAndTracingTest, then ConsoleInBrowserTest, which
 * changes it): starting and loading it once saves two minutes of the build. Stopped by the next {@code ./kam up} of
 * another test, or when the test JVM ends.
 */
final class DemoPlatform {

    static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEMO_TIMEOUT = Duration.ofMinutes(6);

    private static DemoPlatform running;

    final KamCommand kam;
    final OtlpReceiver collector;
    /** What {@code ./kam up} printed. */
    final KamCommand.Result up;
    /** What the first {@code ./kam demo} printed. */
    KamCommand.Result firstDemo;
    private boolean stopped;

    private DemoPlatform(KamCommand kam, OtlpReceiver collector, KamCommand.Result up) {
        this.kam = kam;
        this.collector = collector;
        this.up = up;
    }

    static synchronized DemoPlatform get() throws IOException, InterruptedException {
        if (running != null && !running.stopped) {
            assertThat(running.firstDemo).as("the demo platform could not be loaded (see the test that started it)").isNotNull();
            return running;
        }
        Path home = Files.createTempDirectory("kam-demo-");
        KamCommand kam = new KamCommand(home);
        OtlpReceiver collector = new OtlpReceiver();
        kam.environment.put("KAM_TRACING_OTLP_ENDPOINT", collector.endpoint());
        kam.environment.put("KAM_TRACING_OTLP_PROTOCOL", "http/protobuf");
        KamCommand.Result up = kam.run(UP_TIMEOUT, "up");
        running = new DemoPlatform(kam, collector, up);
        SharedPlatforms.started(home, running::stop);
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "kam-demo-down"));
        assertThat(up.exitCode()).as(up.output()).isZero();
        KamCommand.Result demo = kam.run(DEMO_TIMEOUT, "demo");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        running.firstDemo = demo;
        return running;
    }

    /** {@code ./kam down}, the collector closed and the home removed; once. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            kam.run(Duration.ofMinutes(2), "down");
        } catch (Exception e) {
            System.err.println("./kam down of the demo platform failed: " + e.getMessage());
        }
        collector.close();
        SharedPlatforms.stopped(kam.home);
        try (var paths = Files.walk(kam.home)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
