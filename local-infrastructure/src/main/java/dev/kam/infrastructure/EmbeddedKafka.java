package dev.kam.infrastructure;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real Apache Kafka broker (single node, KRaft, broker and controller in one) running in this JVM, from the
 * {@code kafka_2.13} artifact at the version the Quarkus BOM pins, so broker and clients agree.
 * The storage is formatted once; a data directory that was formatted before keeps its cluster id and records.
 */
public final class EmbeddedKafka implements KafkaServer {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDirectory;

    private EmbeddedKafka(KafkaRaftServer server, int port, Path logDirectory) {
        this.server = server;
        this.port = port;
        this.logDirectory = logDirectory;
    }

    /**
     * Starts a broker on {@code port} (0: a free one) storing its logs in {@code logDirectory}.
     *
     * @throws PortInUseException when a fixed port is taken
     */
    public static EmbeddedKafka start(Path logDirectory, int port, int controllerPort) {
        int brokerPort = Ports.requireFreeOrPick(port, "Kafka");
        int quorumPort = Ports.requireFreeOrPick(controllerPort, "the Kafka controller");
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = brokerProperties(logDirectory, brokerPort, quorumPort);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        format(logDirectory);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(server, brokerPort, logDirectory);
    }

    private static Properties brokerProperties(Path logDirectory, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(NODE_ID));
        props.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.setProperty("log.dirs", logDirectory.toString());
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "6");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly with their partitions and compaction (see Topics.platformTopics).
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("num.partitions", "6");
        props.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
        return props;
    }

    private static void format(Path logDirectory) {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return; // formatted by an earlier run: keep its cluster id and data
        }
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDirectory.toString())
                    .addDirectory(logDirectory.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDirectory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String describe() {
        return "embedded Apache Kafka (KRaft) at " + bootstrapServers() + ", data in " + logDirectory;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
