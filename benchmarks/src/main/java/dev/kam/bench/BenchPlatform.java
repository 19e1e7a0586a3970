package dev.kam.bench;

import dev.kam.infrastructure.DevKeys;
import dev.kam.infrastructure.DevTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The platform ./kam bench started: addresses, credentials, processes. */
final class BenchPlatform {

    final Path root;
    final Path home;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final DevKeys keys;
    /** HTTP/1.1, as CRM sync jobs speak it (the JDK client would otherwise try h2c, which measured slower). */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();

    BenchPlatform(Path root, Path home) {
        this.root = root;
        this.home = home;
        this.keys = DevKeys.ensure(home.resolve("keys"));
        try {
            for (String line : Files.readAllLines(home.resolve("run/infra.env"))) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    environment.put(line.substring(0, equals), line.substring(equals + 1).replace("'", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the platform is not running: " + e.getMessage(), e);
        }
    }

    String url(String service) {
        String port = switch (service) {
            case "customer-service" -> env("KAM_CUSTOMER_PORT", "8081");
            case "scoring-service" -> env("KAM_SCORING_PORT", "8082");
            case "team-coordination-service" -> env("KAM_TEAM_PORT", "8083");
            default -> throw new IllegalArgumentException(service);
        };
        return "http://127.0.0.1:" + port;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    String kafkaBootstrap() {
        return environment.get("KAM_KAFKA_BOOTSTRAP");
    }

    Connection database(String name) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(name), credentials());
    }

    String jdbcUrl(String name) {
        String any = environment.get("KAM_DB_URL_KAM_CUSTOMER");
        return any.substring(0, any.lastIndexOf('/') + 1) + name;
    }

    Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", environment.get("KAM_DB_USER"));
        properties.setProperty("password", environment.getOrDefault("KAM_DB_PASSWORD", ""));
        return properties;
    }

    String token(String subject, String... roles) {
        return DevTokens.sign(keys.privateKey(), subject, List.of(roles), Duration.ofHours(6));
    }

    long pid(String process) {
        try {
            return Long.parseLong(Files.readString(home.resolve("run/" + process + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs ./kam with this platform's home and ports. */
    void kam(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(root.resolve("kam").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("KAM_HOME", home.toString());
        Process process = builder.start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("./kam " + String.join(" ", arguments) + " failed");
        }
    }
}
