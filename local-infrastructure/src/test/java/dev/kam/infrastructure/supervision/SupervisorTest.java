package dev.kam.infrastructure.supervision;

import dev.kam.infrastructure.EnvFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The launcher's supervision of the platform's processes, on processes of this test (the platform tests run it on
 * the real platform: KamUpAndDownTest and the fault suite).
 */
class SupervisorTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void partsAreKafkaPostgresTheServicesAndTheirExtraInstances() {
        assertThat(Part.named("scoring-service@12")).isEqualTo(new Part("scoring-service@12", "scoring-service", 12));
        assertThat(Part.named("team-coordination-service").instance()).isEqualTo(1);
        assertThat(Part.named("kafka").isService()).isFalse();
        for (String wrong : List.of("customer-service@0", "customer-service@x", "billing-service", "", "Kafka")) {
            assertThatThrownBy(() -> Part.named(wrong)).as(wrong).isInstanceOf(KamException.class)
                    .hasMessageContaining("which part? kafka (kafka-N of a cluster), postgres, customer-service");
        }
    }

    @Test
    void aPidFileNamingAnotherProcessOrNoneIsAStoppedPart(@TempDir Path home) throws Exception {
        Supervisor supervisor = supervisor(home, Map.of());
        Files.createDirectories(home.resolve("run"));
        // this JVM lives, but it is not Kafka: the pid was reused
        Files.writeString(home.resolve("run/kafka.pid"), ProcessHandle.current().pid() + "\n");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(home.resolve("run/postgres.pid"), ended.pid() + "\n");
        Files.writeString(home.resolve("run/scoring-service.pid"), "not a pid\n");

        assertThat(supervisor.isRunning(Part.KAFKA)).isFalse();
        assertThat(supervisor.isRunning(Part.POSTGRES)).isFalse();
        assertThat(supervisor.isRunning(Part.named("scoring-service"))).isFalse();
        new KamCommands(home, home, Map.of(), out, out).status();
        assertThat(output.toString(StandardCharsets.UTF_8)).containsPattern("kafka +stopped").containsPattern("postgres +stopped")
                .containsPattern("scoring-service +stopped");
    }

    @Test
    void stopEndsThePartsProcessAndForgetsItsPidAndPort(@TempDir Path home) throws Exception {
        Supervisor supervisor = supervisor(home, Map.of());
        Part part = Part.named("customer-service@2");
        long pid = pretend(home, part, 28181);
        assertThat(supervisor.isRunning(part)).isTrue();
        assertThat(supervisor.serviceProcesses()).contains(part);

        supervisor.stop(part);

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(home.resolve("run/customer-service@2.pid")).doesNotExist();
        assertThat(home.resolve("run/customer-service@2.port")).doesNotExist();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("stopped customer-service@2");
    }

    @Test
    void killIsACrashThatKeepsThePortForTheNextStart(@TempDir Path home) throws Exception {
        Supervisor supervisor = supervisor(home, Map.of());
        Part part = Part.named("scoring-service");
        long pid = pretend(home, part, 28082);

        supervisor.kill(part);

        assertThat(Processes.alive(pid)).isFalse();
        assertThat(supervisor.isRunning(part)).isFalse();
        assertThat(home.resolve("run/scoring-service.pid")).doesNotExist();
        assertThat(supervisor.port(part)).isEqualTo(28082);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("killed scoring-service (pid " + pid + ")");
    }

    @Test
    void aProcessLivesWhileAnyOfItsThreadsDoesNotOnlyItsFirst() throws Exception {
        Lingering process = firstThreadEndsFirst("now", 4, "any");
        await().atMost(Duration.ofSeconds(10)).until(() -> firstThreadState(process.pid()) == 'Z');

        assertThat(Processes.alive(process.pid())).as("its pid is a zombie, another thread still holds its port").isTrue();
        assertThat(Processes.portInUse(process.port())).isTrue();
        assertThat(Processes.awaitExit(process.pid(), Duration.ofSeconds(20).toMillis())).isTrue();
        assertThat(Processes.portInUse(process.port())).isFalse();
    }

    @Test
    void stopReturnsOnceThePartsLastThreadHasEndedSoAStartFindsItsPortFree(@TempDir Path home) throws Exception {
        // issue 31: a broker stopped this way and started again at once had found its port still taken
        Supervisor supervisor = supervisor(home, Map.of());
        Part part = Part.named("kafka-2");
        Lingering process = firstThreadEndsFirst("on-term", 3, "dev.kam.infrastructure.KamLauncher", "infra", "--only", "kafka-2", "--data-dir", "x");
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/kafka-2.pid"), process.pid() + "\n");
        assertThat(supervisor.isRunning(part)).isTrue();

        supervisor.stop(part);

        assertThat(Processes.portInUse(process.port())).as("the stopped part's port").isFalse();
        assertThat(Processes.alive(process.pid())).isFalse();
    }

    @Test
    void anInstanceListensOnItsServicesPortPlusAHundredPerInstanceUnlessToldOtherwise(@TempDir Path home) throws Exception {
        Supervisor supervisor = supervisor(home, Map.of("KAM_SCORING_PORT", "20082"));
        assertThat(supervisor.port(Part.named("scoring-service"))).isEqualTo(20082);
        assertThat(supervisor.port(Part.named("scoring-service@3"))).isEqualTo(20282);
        assertThat(supervisor.port(Part.named("customer-service"))).isEqualTo(8081);

        Supervisor told = supervisor(home, Map.of("KAM_INSTANCE_PORT", "30000"));
        assertThat(told.port(Part.named("scoring-service@2"))).isEqualTo(30000);
        assertThat(told.port(Part.named("scoring-service"))).isEqualTo(8082);

        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/scoring-service@2.port"), "31000\n");
        assertThat(told.port(Part.named("scoring-service@2"))).as("the port it was started on").isEqualTo(31000);
    }

    @Test
    void upRefusesAPortThatAnotherProcessHolds(@TempDir Path home) throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Supervisor supervisor = supervisor(home, Map.of("KAM_TEAM_PORT", String.valueOf(squatter.getLocalPort()),
                    "KAM_CUSTOMER_PORT", "1", "KAM_SCORING_PORT", "2", "KAM_KAFKA_MODE", "external"));
            assertThatThrownBy(supervisor::checkPortsFree).isInstanceOf(KamException.class)
                    .hasMessage("port " + squatter.getLocalPort() + " for team-coordination-service is already in use by another process");
        }
    }

    @Test
    void logsFollowsALogAsItGrows(@TempDir Path home) throws Exception {
        Path log = home.resolve("logs/kafka.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "first line\n");
        KamCommands kam = new KamCommands(home, home, Map.of(), out, out);
        Thread follower = new Thread(() -> {
            try {
                kam.logs("kafka", true);
            } catch (InterruptedException stopped) {
                // as Ctrl-C ends it
            } catch (Exception e) {
                out.println("failed: " + e);
            }
        });
        follower.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> output.toString(StandardCharsets.UTF_8).contains("first line"));
            Files.writeString(log, "second line\n", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(10)).until(() -> output.toString(StandardCharsets.UTF_8).contains("second line"));
        } finally {
            follower.interrupt();
            follower.join(5000);
        }
        assertThatThrownBy(() -> kam.logs("nobody", false)).isInstanceOf(KamException.class).hasMessageStartingWith("which log?");
    }

    @Test
    void envFilesKeepEveryValueAsItIs(@TempDir Path home) throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("KAM_DB_URL_KAM_TEAM", "jdbc:postgresql://127.0.0.1:5432/kam_team?sslmode=verify-full&sslrootcert=/a b/ca.crt");
        variables.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"kam\" password=\"$x\";");
        variables.put("KAM_DB_PASSWORD", "");
        Path file = home.resolve("run/postgres.env");
        EnvFile.write(file, variables);

        assertThat(EnvFile.read(file)).containsExactlyEntriesOf(variables);
        // and as the shell that sources it reads it
        Process shell = new ProcessBuilder("bash", "-c", "set -a; . \"$0\"; printf '%s\\n' \"$KAM_DB_URL_KAM_TEAM\" \"$KAFKA_SASL_JAAS_CONFIG\"", file.toString())
                .redirectErrorStream(true).start();
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList())
                .containsExactly(variables.get("KAM_DB_URL_KAM_TEAM"), variables.get("KAFKA_SASL_JAAS_CONFIG"));
        assertThatThrownBy(() -> EnvFile.write(file, Map.of("X", "it's"))).isInstanceOf(IllegalArgumentException.class);
    }

    private Supervisor supervisor(Path home, Map<String, String> environment) {
        return new Supervisor(home, home, environment, out, out);
    }

    /** A process listening on {@code port} whose first thread ends before its others (see first-thread-ends-first.py). */
    private record Lingering(long pid, int port) {
    }

    /**
     * Debian's python3 (python3-minimal; install-system-tools.sh installs it where it is missing) runs a process whose
     * first thread ends {@code when} ("now" or "on-term") and whose last lives {@code seconds} longer, holding a port.
     */
    private Lingering firstThreadEndsFirst(String when, int seconds, String... words) throws Exception {
        Path script = Path.of(SupervisorTest.class.getResource("/supervision/first-thread-ends-first.py").toURI());
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), when, String.valueOf(seconds)));
        command.addAll(List.of(words));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        String port = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(port).as("the port it listens on").isNotNull();
        return new Lingering(process.pid(), Integer.parseInt(port.strip()));
    }

    /** The state /proc shows for the pid, which is its first thread's. */
    private static char firstThreadState(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return stat.substring(stat.lastIndexOf(") ") + 2).charAt(0);
    }

    /** A process whose command line names {@code part}'s jar, recorded as ./kam records a start. */
    private long pretend(Path home, Part part, int port) throws Exception {
        Process process = new ProcessBuilder("tail", "-f", "/dev/null", part.service() + "/target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/" + part.name() + ".pid"), process.pid() + "\n");
        Files.writeString(home.resolve("run/" + part.name() + ".port"), port + "\n");
        return process.pid();
    }
}
