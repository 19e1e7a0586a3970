package dev.kam.bench;

import dev.kam.infrastructure.client.RunningPlatform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** The platform ./kam bench started: addresses, credentials and tokens (the shared {@link RunningPlatform}), processes. */
final class BenchPlatform {

    final Path root;
    final Path home;
    private final RunningPlatform platform;
    /** HTTP/1.1, as CRM sync jobs speak it (the JDK client would otherwise try h2c, which measured slower). */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();

    BenchPlatform(Path root, Path home) {
        this.root = root;
        this.home = home;
        this.platform = RunningPlatform.at(home);
    }

    String url(String service) {
        return platform.serviceUrl(service);
    }

    String kafkaBootstrap() {
        return platform.kafkaBootstrap();
    }

    Connection database(String name) throws SQLException {
        return platform.database(name);
    }

    String jdbcUrl(String name) {
        return platform.jdbcUrl(name);
    }

    Properties credentials() {
        return platform.databaseCredentials();
    }

    String token(String subject, String... roles) {
        return platform.token(subject, roles);
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
