package dev.kam.infrastructure.client;

import dev.kam.contracts.PlatformFacts;
import dev.kam.infrastructure.DevKeys;
import dev.kam.infrastructure.DevTokens;
import dev.kam.infrastructure.EnvFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The platform {@code ./kam up} runs under one {@code KAM_HOME}, as its clients (the demo, the benchmark, the
 * platform tests) reach it: the services' addresses, the Kafka client settings and database connections the local
 * infrastructure wrote to {@code run/infra.env}, and tokens signed with the local key. One place for all three.
 */
public final class RunningPlatform {

    private final Path home;
    private final Map<String, String> environment;
    private final DevKeys keys;
    private final Map<String, String> serviceUrls;

    private RunningPlatform(Path home, Map<String, String> environment) {
        this.home = home;
        this.environment = environment;
        this.serviceUrls = serviceUrls(home);
        this.keys = DevKeys.ensure(home.resolve("keys"));
    }

    /** @throws IllegalStateException when no platform runs under {@code home} (no {@code run/infra.env}) */
    public static RunningPlatform at(Path home) {
        Path file = home.resolve("run/infra.env");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no platform runs under " + home + " (" + file + " is missing); start it with ./kam up");
        }
        try {
            return new RunningPlatform(home, EnvFile.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path home() {
        return home;
    }

    /** Everything the infrastructure wrote: addresses, credentials, Kafka client settings. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** A service's base URL (read once, when this was made: load generators ask for it per request). */
    public String serviceUrl(String service) {
        String url = serviceUrls.get(service);
        if (url == null) {
            throw new IllegalArgumentException("no service named " + service + "; the services are " + serviceUrls.keySet());
        }
        return url;
    }

    /** Each service's base URL: the port {@code ./kam} started it on, its port variable, or its port in the platform facts. */
    private static Map<String, String> serviceUrls(Path home) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (PlatformFacts.Service service : PlatformFacts.services()) {
            Path portFile = home.resolve("run/" + service.name() + ".port");
            String port;
            try {
                port = Files.isRegularFile(portFile) ? Files.readString(portFile).strip() : "";
            } catch (IOException e) {
                port = "";
            }
            if (port.isEmpty()) {
                String variable = System.getenv(service.portVariable());
                port = variable == null || variable.isBlank() ? String.valueOf(service.port()) : variable;
            }
            urls.put(service.name(), "http://127.0.0.1:" + port);
        }
        return Map.copyOf(urls);
    }

    public String kafkaBootstrap() {
        return environment.get("KAM_KAFKA_BOOTSTRAP");
    }

    /**
     * What a Kafka client of this platform needs, as the services read it: the bootstrap address and every
     * {@code KAFKA_*} setting (security protocol, SASL, trust store) as a {@code kafka.*} setting.
     */
    public Map<String, Object> kafkaClientSettings() {
        Map<String, Object> settings = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                settings.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        settings.put("bootstrap.servers", kafkaBootstrap());
        return settings;
    }

    /**
     * The JDBC URL of a database on the platform's server: a service's ({@code kam_customer}) as the infrastructure
     * wrote it, any other ({@code postgres}) the same with its name, keeping whatever TLS parameters the server asks for.
     */
    public String jdbcUrl(String database) {
        String url = environment.get("KAM_DB_URL_" + database.toUpperCase(Locale.ROOT));
        if (url != null) {
            return url;
        }
        String any = environment.get("KAM_DB_URL_" + PlatformFacts.databases().get(0).toUpperCase(Locale.ROOT));
        if (any == null) {
            throw new IllegalStateException("the platform's env file names no database URL");
        }
        int query = any.indexOf('?');
        String address = query < 0 ? any : any.substring(0, query);
        return address.substring(0, address.lastIndexOf('/') + 1) + database + (query < 0 ? "" : any.substring(query));
    }

    public Properties databaseCredentials() {
        Properties properties = new Properties();
        properties.setProperty("user", environment.get("KAM_DB_USER"));
        properties.setProperty("password", environment.getOrDefault("KAM_DB_PASSWORD", ""));
        properties.setProperty("connectTimeout", "5");
        return properties;
    }

    public Connection database(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), databaseCredentials());
    }

    /** A bearer token signed with the platform's local key, for {@code subject} with {@code roles}, valid for six hours. */
    public String token(String subject, String... roles) {
        return DevTokens.sign(keys.privateKey(), subject, List.of(roles), Duration.ofHours(6));
    }

    /** The platform's API at {@code service} as {@code subject} with {@code roles}. */
    public PlatformApi api(String service, String subject, String... roles) {
        return new PlatformApi(serviceUrl(service), token(subject, roles));
    }
}
