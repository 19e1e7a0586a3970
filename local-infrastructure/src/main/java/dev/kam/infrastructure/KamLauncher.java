package dev.kam.infrastructure;

import dev.kam.contracts.PlatformFacts;
import dev.kam.infrastructure.supervision.KamCommands;
import dev.kam.infrastructure.supervision.KamException;
import dev.kam.infrastructure.supervision.Part;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The Java side of {@code ./kam}.
 *
 * <pre>
 * up | down | status | logs NAME [-f] | start NAME | stop NAME [--immediate] | kill NAME | demo ARGS... | bench ARGS... | soak ARGS...
 *                                        the platform's processes under -Dkam.home of the checkout -Dkam.root
 *                                        (see {@link KamCommands}; ./kam builds what is missing, then hands over)
 * infra --data-dir DIR --env-file FILE [--only kafka|postgres|kafka-N --cluster-id ID --brokers COUNT]
 *                                        start Kafka and PostgreSQL (or one of them, or node N of a Kafka cluster),
 *                                        write their addresses to FILE, run until stopped
 * keys DIR                               make the local signing key pair in DIR if missing
 * token DIR [--as EMPLOYEE_ID] ROLE...   print a JWT with ROLEs signed by the key in DIR (its subject EMPLOYEE_ID)
 * </pre>
 */
public final class KamLauncher {

    static final Set<String> ROLES = Set.copyOf(PlatformFacts.roles());

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "up", "down", "status", "logs", "start", "stop", "kill", "demo", "bench", "soak" -> System.exit(supervise(args));
            case "infra" -> runInfrastructure(Arrays.copyOfRange(args, 1, args.length));
            case "keys" -> {
                requireArgs(args, 2);
                System.out.println(DevKeys.ensure(Path.of(args[1])).publicKeyFile());
            }
            case "token" -> {
                if (args.length < 3) {
                    fail("name at least one role: " + String.join(", ", PlatformFacts.roles()));
                }
                // --as EMPLOYEE_ID: the token speaks for that person (a key account manager, a line manager)
                boolean as = args[2].equals("--as");
                requireArgs(args, as ? 5 : 3);
                List<String> roles = List.of(Arrays.copyOfRange(args, as ? 4 : 2, args.length));
                for (String role : roles) {
                    if (!ROLES.contains(role)) {
                        fail("unknown role '" + role + "'; roles are " + String.join(", ", ROLES.stream().sorted().toList()));
                    }
                }
                DevKeys keys = DevKeys.ensure(Path.of(args[1]));
                String subject = as ? args[3] : "local-" + String.join("-", roles);
                System.out.println(DevTokens.sign(keys.privateKey(), subject, roles, Duration.ofHours(12)));
            }
            default -> usage();
        }
    }

    private static int supervise(String[] args) throws IOException, InterruptedException {
        String root = System.getProperty("kam.root");
        String home = System.getProperty("kam.home");
        if (root == null || home == null) {
            fail(args[0] + " needs -Dkam.root (the checkout) and -Dkam.home (the platform's home); ./kam sets both");
        }
        KamCommands kam = new KamCommands(Path.of(root).toAbsolutePath(), Path.of(home).toAbsolutePath(), System.getenv(), System.out, System.err);
        List<String> rest = List.of(Arrays.copyOfRange(args, 1, args.length));
        String first = rest.isEmpty() ? null : rest.get(0);
        try {
            return switch (args[0]) {
                case "up" -> kam.up();
                case "down" -> kam.down();
                case "status" -> kam.status();
                case "logs" -> kam.logs(String.valueOf(first), rest.contains("-f"));
                case "start" -> kam.start(Part.named(first));
                case "stop" -> kam.stop(Part.named(first), rest.contains("--immediate"));
                case "kill" -> kam.kill(Part.named(first));
                case "demo" -> kam.demo(rest);
                case "bench" -> kam.bench(rest);
                case "soak" -> kam.soak(rest);
                default -> throw new IllegalArgumentException(args[0]);
            };
        } catch (KamException e) {
            System.out.flush();
            System.err.println("kam: " + e.getMessage());
            return 1;
        }
    }

    private static void runInfrastructure(String[] args) throws IOException, InterruptedException {
        Path dataDir = null;
        Path envFile = null;
        String only = null;
        String clusterId = null;
        int brokers = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[i + 1]).toAbsolutePath();
                case "--env-file" -> envFile = Path.of(args[i + 1]).toAbsolutePath();
                case "--only" -> only = args[i + 1];
                case "--cluster-id" -> clusterId = args[i + 1];
                case "--brokers" -> brokers = Integer.parseInt(args[i + 1]);
                default -> usage();
            }
        }
        // a node of a Kafka cluster: kafka-N, started with the cluster's id and size
        EmbeddedKafka.Node node = only != null && only.matches("kafka-[1-9]") && clusterId != null
                ? new EmbeddedKafka.Node(Integer.parseInt(only.substring("kafka-".length())), brokers, clusterId) : null;
        if (dataDir == null || envFile == null || (only != null && node == null && !Set.of("kafka", "postgres").contains(only))) {
            usage();
        }
        // ./kam up runs on the contract's ports; PostgreSQL moves to a free port if 5432 is taken by another server.
        Path data = dataDir;
        InfrastructureSettings settings = InfrastructureSettings.from(key -> {
            String value = System.getProperty(key);
            if (value == null) {
                value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            if (value != null) {
                return value;
            }
            return switch (key) {
                case "kam.postgres.port" -> String.valueOf(PlatformFacts.postgresPort());
                case "kam.postgres.port-fallback" -> "true";
                case "kam.kafka.port" -> String.valueOf(PlatformFacts.kafkaPort());
                case "kam.kafka.controller-port" -> String.valueOf(PlatformFacts.kafkaControllerPort());
                case "kam.data.dir" -> data.toString();
                default -> null;
            };
        });

        List<AutoCloseable> servers = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            if (only == null || only.equals("postgres")) {
                PostgresServer postgres = LocalInfrastructure.startPostgres(settings, dataDir, true);
                servers.add(postgres);
                LocalInfrastructure.ensureDatabases(postgres, LocalInfrastructure.SERVICE_DATABASES);
                for (String database : LocalInfrastructure.SERVICE_DATABASES) {
                    variables.put("KAM_DB_URL_" + database.toUpperCase(Locale.ROOT), postgres.jdbcUrl(database));
                }
                variables.put("KAM_DB_USER", postgres.user());
                variables.put("KAM_DB_PASSWORD", postgres.password());
                variables.put("KAM_POSTGRES_DESCRIPTION", postgres.describe());
            }
            if (!"postgres".equals(only)) {
                KafkaServer kafka = node == null ? LocalInfrastructure.startKafka(settings, dataDir)
                        : LocalInfrastructure.startKafkaNode(settings, dataDir, node);
                servers.add(0, kafka);
                variables.put("KAM_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
                // what every Kafka client of the services needs besides the address (KAFKA_SECURITY_PROTOCOL, ...)
                variables.putAll(kafka.clientEnvironment());
                variables.put("KAM_KAFKA_DESCRIPTION", kafka.describe());
            }
        } catch (RuntimeException e) {
            closeAll(servers);
            fail((only == null ? "infrastructure" : only) + " did not start: " + e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(servers);
            stopped.countDown();
        }, "kam-infrastructure-shutdown"));

        EnvFile.write(envFile, variables);
        System.out.println((only == null ? "infrastructure" : only) + " ready: " + String.join("; ", variables.entrySet().stream()
                .filter(variable -> variable.getKey().endsWith("_DESCRIPTION")).map(variable -> variable.getValue()).toList()));
        stopped.await();
    }

    private static void closeAll(List<AutoCloseable> servers) {
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("could not stop " + server + ": " + e.getMessage());
            }
        }
    }

    private static void requireArgs(String[] args, int count) {
        if (args.length < count) {
            usage();
        }
    }

    private static void usage() {
        fail("usage: up | down | status | logs NAME [-f] | start NAME | stop NAME [--immediate] | kill NAME | demo ... | bench ... | soak ... | infra --data-dir DIR --env-file FILE [--only kafka|postgres|kafka-N --cluster-id ID --brokers COUNT] | keys DIR | token DIR [--as EMPLOYEE_ID] ROLE...");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    private KamLauncher() {
    }
}
