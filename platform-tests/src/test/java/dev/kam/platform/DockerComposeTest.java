package dev.kam.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kam.contracts.PlatformFacts;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is kept correct by construction: it must
 * agree with the services' own configuration, Dockerfiles and database names. Where the docker-compose
 * command is installed, it must also accept the file.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of(System.getProperty("kam.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> DATABASES = PlatformFacts.services().stream()
            .collect(java.util.stream.Collectors.toMap(PlatformFacts.Service::name, PlatformFacts.Service::database));

    private final JsonNode compose = read();

    @Test
    void runsEveryServiceOnItsOwnPortWithItsOwnDatabase() throws IOException {
        for (var entry : DATABASES.entrySet()) {
            String service = entry.getKey();
            JsonNode definition = compose.path("services").path(service);
            assertThat(definition.isMissingNode()).as(service).isFalse();

            String port = serviceProperties(service).getProperty("quarkus.http.port");
            assertThat(port).as(service + "'s port in its application.properties and in platform-facts.properties")
                    .isEqualTo(String.valueOf(PlatformFacts.service(service).port()));
            assertThat(definition.path("ports").get(0).asText()).isEqualTo("127.0.0.1:" + port + ":" + port);
            assertThat(definition.at("/healthcheck/test/1").asText()).contains("localhost:" + port + "/q/health/ready");

            Path dockerfile = ROOT.resolve(definition.at("/build/dockerfile").asText());
            assertThat(dockerfile).exists();
            assertThat(Files.readString(dockerfile)).contains(service + "/target/quarkus-app").contains("EXPOSE " + port);

            JsonNode environment = environment(definition);
            assertThat(environment.path("KAM_DB_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/" + entry.getValue());
            assertThat(environment.path("KAM_KAFKA_BOOTSTRAP").asText()).isEqualTo("kafka:29092");
            assertThat(environment.path("KAM_JWT_PUBLIC_KEY_LOCATION").asText()).isEqualTo("file:/keys/public.pem");
            assertThat(definition.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
            assertThat(definition.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        }
    }

    @Test
    void runsTheConsoleOnItsPortAgainstTheServicesWithOnlyVariablesItReads() throws IOException {
        JsonNode console = compose.path("services").path("console");
        String port = String.valueOf(PlatformFacts.console().port());
        assertThat(serviceProperties("console").getProperty("quarkus.http.port")).isEqualTo(port);
        assertThat(console.path("ports").get(0).asText()).isEqualTo("127.0.0.1:" + port + ":" + port);
        assertThat(console.at("/healthcheck/test/1").asText()).contains("localhost:" + port + "/q/health/ready");
        assertThat(Files.readString(ROOT.resolve(console.at("/build/dockerfile").asText()))).contains("console/target/quarkus-app").contains("EXPOSE " + port);
        JsonNode environment = environment(console);
        for (PlatformFacts.Service service : PlatformFacts.services()) {
            assertThat(console.at("/depends_on/" + service.name() + "/condition").asText()).isEqualTo("service_healthy");
            assertThat(environment.toString()).contains("http://" + service.name() + ":" + service.port());
        }
        String consoleConfig = Files.readString(ROOT.resolve("console/src/main/resources/application.properties"));
        environment.fieldNames().forEachRemaining(variable -> assertThat(consoleConfig).as(variable).contains("${" + variable + ":"));
    }

    @Test
    void publishesEveryPortOnLoopbackOnly() {
        // PostgreSQL with postgres/postgres and plaintext Kafka must not listen on every interface of a developer's machine.
        List<String> published = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(service -> service.getValue().path("ports")
                .forEach(port -> published.add(service.getKey() + " " + port.asText())));
        assertThat(published).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(port -> assertThat(port).as(port).matches("[a-z-]+ 127\\.0\\.0\\.1:\\d+:\\d+"));
    }

    @Test
    void setsOnlyVariablesTheServicesRead() throws IOException {
        String serviceConfig = Files.readString(ROOT.resolve("service-foundation/src/main/resources/META-INF/microprofile-config.properties"))
                + Files.readString(ROOT.resolve("customer-service/src/main/resources/application.properties"));
        // Read as ${VARIABLE:default}, or as the kam.* property the variable names (KAM_TRACING_OTLP_ENDPOINT is kam.tracing.otlp-endpoint).
        String asVariables = serviceConfig.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_");
        environment(compose.path("services").path("customer-service")).fieldNames().forEachRemaining(variable ->
                assertThat(serviceConfig.contains("${" + variable + ":") || asVariables.contains(variable + ":")).as(variable).isTrue());
    }

    @Test
    void createsTheServiceDatabasesAndRunsTheBrokerVersionOfTheBuild() throws IOException {
        String init = Files.readString(ROOT.resolve("deploy/postgres/create-databases.sql"));
        DATABASES.values().forEach(database -> assertThat(init).contains("CREATE DATABASE " + database + ";"));
        assertThat(compose.at("/services/postgres/volumes").toString()).contains("./deploy/postgres/create-databases.sql");

        String kafkaVersion = Files.readString(ROOT.resolve("pom.xml")).replaceAll("(?s).*<kafka.version>([^<]+)</kafka.version>.*", "$1");
        assertThat(compose.at("/services/kafka/image").asText()).isEqualTo("apache/kafka:" + kafkaVersion);
        assertThat(compose.at("/services/kafka/environment/KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
    }

    /**
     * Compose itself reads the file (Debian's docker-compose, which install-system-tools.sh installs; it needs no Docker
     * engine for this). Missing, it is a failure that says how to install it, never a silent skip.
     */
    @Test
    void isAcceptedByDockerCompose() throws Exception {
        boolean installed = List.of(System.getenv("PATH").split(":")).stream()
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "docker-compose")));
        assertThat(installed).as("docker-compose on the PATH (platform-tests/install-system-tools.sh installs it)").isTrue();
        Process config = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.exitValue()).as(output).isZero();
        assertThat(compose.path("services").size()).isEqualTo(9);
    }

    @Test
    void anObservabilityProfileAddsPrometheusScrapingEveryServiceGrafanaWithTheKamDashboardAndAnOtlpReceiver() throws IOException {
        List<String> base = new ArrayList<>();
        List<String> observability = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(service -> (service.getValue().path("profiles").toString().contains("observability")
                ? observability : base).add(service.getKey()));
        assertThat(base).containsExactlyInAnyOrder("kafka", "postgres", "customer-service", "scoring-service", "team-coordination-service", "console");
        assertThat(observability).containsExactlyInAnyOrder("prometheus", "grafana", "jaeger");
        assertThat(compose.at("/services/jaeger/ports").toString()).contains("4317:4317").contains("16686:16686");

        JsonNode prometheus = yaml(ROOT.resolve("deploy/observability/prometheus.yml"));
        assertThat(prometheus.at("/scrape_configs/0/metrics_path").asText()).isEqualTo("/q/metrics");
        assertThat(prometheus.at("/scrape_configs/0/static_configs").toString())
                .contains("customer-service:8081", "scoring-service:8082", "team-coordination-service:8083");
        assertThat(compose.at("/services/prometheus/volumes").toString()).contains("./deploy/observability/prometheus.yml");

        JsonNode datasources = yaml(ROOT.resolve("deploy/observability/grafana/provisioning/datasources/datasources.yml"));
        assertThat(datasources.path("datasources").findValuesAsText("url")).contains("http://prometheus:9090", "http://jaeger:16686");
        String dashboard = Files.readString(ROOT.resolve("deploy/observability/grafana/dashboards/kam-overview.json"));
        JsonNode panels = new ObjectMapper().readTree(dashboard).path("panels");
        assertThat(panels.size()).isGreaterThanOrEqualTo(10);
        String readme = Files.readString(ROOT.resolve("README.md"));
        java.util.regex.Matcher metric = java.util.regex.Pattern.compile("(?m)^\\| `(kam_[a-z_]+)` \\|").matcher(readme); // the metrics table
        List<String> documented = new ArrayList<>();
        while (metric.find()) {
            documented.add(metric.group(1));
        }
        assertThat(documented).as("metrics named in the README").hasSize(15);
        documented.forEach(name -> assertThat(dashboard).as("the dashboard shows " + name).contains(name));
    }

    private static JsonNode environment(JsonNode service) {
        return service.path("environment");
    }

    private static Properties serviceProperties(String service) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(ROOT.resolve(service + "/src/main/resources/application.properties"))));
        return properties;
    }

    private static JsonNode read() {
        return yaml(ROOT.resolve("docker-compose.yml"));
    }

    private static JsonNode yaml(Path file) {
        try {
            // SnakeYAML resolves anchors and merge keys (<<) as Compose does; Jackson's YAML parser does not.
            Object document = new Yaml().load(Files.readString(file));
            return new ObjectMapper().valueToTree(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
