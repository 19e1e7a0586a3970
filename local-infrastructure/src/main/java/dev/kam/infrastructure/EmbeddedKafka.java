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
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one; a single node, or one {@link Node} of a cluster) running in this JVM, from the
 * {@code kafka_2.13} artifact at the version the Quarkus BOM pins, so broker and clients agree.
 * The storage is formatted once; a data directory that was formatted before keeps its cluster id and records.
 *
 * <p>With {@link Security#SASL_SSL} the broker listens the way an enterprise's managed cluster does: TLS with a
 * certificate made at start (clients verify it and the host name) and SCRAM-SHA-512 logins, for the platform's user
 * and the broker's own (created when the storage is formatted, kept in {@code credentials.properties} beside it; the
 * certificate is made at the first start and kept, so a restarted broker is trusted by the clients that ran on).
 * The controller listener stays plaintext on 127.0.0.1: KRaft keeps SCRAM users in the metadata that listener serves.
 */
public final class EmbeddedKafka implements KafkaServer {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** How clients reach the broker. */
    public enum Security { PLAINTEXT, SASL_SSL }

    /**
     * Which node of how large a cluster this broker is. A cluster runs its nodes as combined broker-controllers on
     * this machine, node N on the ports given plus 100*(N-1), every node a voter of the controller quorum; topics get
     * a replication factor of the cluster's size (at most 3) and need 2 in-sync replicas for a write.
     *
     * @param clusterId the cluster's id, the same for every node when they are formatted; {@code null}: a new one
     */
    public record Node(int id, int clusterSize, String clusterId) {

        public static final Node SINGLE = new Node(1, 1, null);

        public Node {
            if (clusterSize < 1 || id < 1 || id > clusterSize) {
                throw new IllegalArgumentException("node " + id + " of a cluster of " + clusterSize);
            }
        }

        int port(int basePort, int node) {
            return basePort + 100 * (node - 1);
        }

        int replicationFactor() {
            return Math.min(3, clusterSize);
        }

        int minInSyncReplicas() {
            return clusterSize > 1 ? 2 : 1;
        }
    }

    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLATFORM_USER = "kam";
    private static final String BROKER_USER = "kam-broker";
    /** The credentials' entry with the password of the key and trust stores. */
    private static final String STORES = "stores";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Node node;
    private final Path logDirectory;
    private final Map<String, String> clientSettings;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Node node, Path logDirectory, Map<String, String> clientSettings) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.node = node;
        this.logDirectory = logDirectory;
        this.clientSettings = clientSettings;
    }

    /**
     * Starts a broker on {@code port} (0: a free one) storing its logs in {@code logDirectory}, reached with {@code security}.
     *
     * @throws PortInUseException when a fixed port is taken
     */
    public static EmbeddedKafka start(Path logDirectory, int port, int controllerPort, Security security) {
        return start(logDirectory, port, controllerPort, security, Node.SINGLE);
    }

    /**
     * Starts {@code node} of a cluster on this machine: its ports are {@code port} and {@code controllerPort} plus
     * 100*(id-1), the other nodes' follow the same rule. Returns once the node has joined the controller quorum, so
     * the nodes of a new cluster must be started side by side.
     */
    public static EmbeddedKafka start(Path logDirectory, int port, int controllerPort, Security security, Node node) {
        if (node.clusterSize() > 1 && (port == 0 || controllerPort == 0)) {
            throw new IllegalArgumentException("the nodes of a Kafka cluster find each other by fixed ports: set kam.kafka.port and kam.kafka.controller-port");
        }
        if (node.clusterSize() > 1 && security != Security.PLAINTEXT) {
            throw new IllegalArgumentException("a cluster of embedded Kafka brokers runs plaintext only; SASL_SSL is a single broker's (kam.kafka.brokers=1)");
        }
        int brokerPort = Ports.requireFreeOrPick(node.port(port, node.id()), "Kafka");
        int quorumPort = Ports.requireFreeOrPick(node.port(controllerPort, node.id()), "the Kafka controller");
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = brokerProperties(logDirectory, brokerPort, quorumPort, node, controllerPort);
        Map<String, String> clientSettings = Map.of();
        List<String> scramUsers = List.of();
        if (security == Security.SASL_SSL) {
            Path secrets = logDirectory.resolveSibling(logDirectory.getFileName() + "-secrets");
            Properties credentials = credentials(secrets);
            LocalCertificates.ServerCertificate certificate = LocalCertificates.ensure(secrets, "kafka", credentials.getProperty(STORES));
            secureListener(props, brokerPort, quorumPort, certificate, credentials.getProperty(BROKER_USER));
            clientSettings = clientSettings(certificate, credentials.getProperty(PLATFORM_USER));
            scramUsers = List.of(scram(BROKER_USER, credentials.getProperty(BROKER_USER)), scram(PLATFORM_USER, credentials.getProperty(PLATFORM_USER)));
        }
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        format(logDirectory, scramUsers, node);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        String bootstrap = node.clusterSize() == 1 ? "127.0.0.1:" + brokerPort
                : String.join(",", java.util.stream.IntStream.rangeClosed(1, node.clusterSize()).mapToObj(id -> "127.0.0.1:" + node.port(port, id)).toList());
        return new EmbeddedKafka(server, bootstrap, node, logDirectory, clientSettings);
    }

    /** The one client listener speaks SASL_SSL, and so does the broker to itself. */
    private static void secureListener(Properties props, int brokerPort, int controllerPort, LocalCertificates.ServerCertificate certificate,
                                       String brokerPassword) {
        props.setProperty("listeners", "SASL_SSL://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "SASL_SSL://127.0.0.1:" + brokerPort);
        props.setProperty("inter.broker.listener.name", "SASL_SSL");
        props.setProperty("listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT,SASL_SSL:SASL_SSL");
        props.setProperty("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        props.setProperty("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
        props.setProperty("listener.name.sasl_ssl." + SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                jaas(BROKER_USER, brokerPassword));
        props.setProperty("ssl.keystore.location", certificate.keyStore().toString());
        props.setProperty("ssl.keystore.type", "PKCS12");
        props.setProperty("ssl.keystore.password", certificate.password());
        props.setProperty("ssl.key.password", certificate.password());
        props.setProperty("ssl.truststore.location", certificate.trustStore().toString());
        props.setProperty("ssl.truststore.type", "PKCS12");
        props.setProperty("ssl.truststore.password", certificate.password());
        props.setProperty("ssl.client.auth", "none");
    }

    private static Map<String, String> clientSettings(LocalCertificates.ServerCertificate certificate, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", SCRAM_MECHANISM);
        settings.put("sasl.jaas.config", jaas(PLATFORM_USER, password));
        settings.put("ssl.truststore.location", certificate.trustStore().toString());
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.password", certificate.password());
        return Map.copyOf(settings);
    }

    static String jaas(String user, String password) {
        return SCRAM_LOGIN + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String scram(String user, String password) {
        return SCRAM_MECHANISM + "=[name=" + user + ",password=" + password + "]";
    }

    /**
     * The SCRAM and store passwords of this data directory: made once, with the storage, and read again at every later
     * start (KRaft takes SCRAM users at formatting; clients keep trusting the certificate made at the first start).
     */
    private static Properties credentials(Path secrets) {
        Path file = secrets.resolve("credentials.properties");
        Properties credentials = new Properties();
        try {
            Files.createDirectories(secrets);
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    credentials.load(in);
                }
                return credentials;
            }
            SecureRandom random = new SecureRandom();
            credentials.setProperty(PLATFORM_USER, secret(random));
            credentials.setProperty(BROKER_USER, secret(random));
            credentials.setProperty(STORES, secret(random));
            try (var out = Files.newOutputStream(file)) {
                credentials.store(out, "SCRAM and store passwords of the local Kafka broker (made with its storage)");
            }
            LocalFiles.ownerOnly(file);
            return credentials;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Kafka SCRAM passwords in " + secrets + ": " + e.getMessage(), e);
        }
    }

    private static Properties brokerProperties(Path logDirectory, int brokerPort, int controllerPort, Node node, int baseControllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(node.id()));
        props.setProperty("controller.quorum.voters", node.clusterSize() == 1 ? node.id() + "@127.0.0.1:" + controllerPort
                : String.join(",", java.util.stream.IntStream.rangeClosed(1, node.clusterSize())
                        .mapToObj(id -> id + "@127.0.0.1:" + node.port(baseControllerPort, id)).toList()));
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.setProperty("log.dirs", logDirectory.toString());
        String replicas = String.valueOf(node.replicationFactor());
        String minInSync = String.valueOf(node.minInSyncReplicas());
        props.setProperty("default.replication.factor", replicas); // the services create their topics with the broker's default
        props.setProperty("min.insync.replicas", minInSync);
        props.setProperty("offsets.topic.replication.factor", replicas);
        props.setProperty("offsets.topic.num.partitions", "6");
        props.setProperty("transaction.state.log.replication.factor", replicas);
        props.setProperty("transaction.state.log.min.isr", minInSync);
        props.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        props.setProperty("share.coordinator.state.topic.min.isr", minInSync);
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly with their partitions and compaction (see Topics.platformTopics).
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("num.partitions", "6");
        props.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
        return props;
    }

    private static void format(Path logDirectory, List<String> scramUsers, Node node) {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return; // formatted by an earlier run: keep its cluster id, data and users
        }
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(node.id())
                    .setClusterId(node.clusterId() == null ? Uuid.randomUuid().toString() : node.clusterId())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setScramArguments(scramUsers)
                    .setMetadataLogDirectory(logDirectory.toString())
                    .addDirectory(logDirectory.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDirectory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Map<String, String> clientSettings() {
        return clientSettings;
    }

    @Override
    public String describe() {
        return "embedded Apache Kafka (KRaft" + (node.clusterSize() == 1 ? "" : ", node " + node.id() + " of " + node.clusterSize()) + ") at " + bootstrapServers() + (clientSettings.isEmpty() ? "" : " (SASL_SSL, SCRAM-SHA-512)")
                + ", data in " + logDirectory;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
