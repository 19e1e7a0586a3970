package dev.kam.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules shipped with the compose profile and the Kubernetes manifests: the same in both, each
 * expression valid PromQL by the Prometheus project's own grammar ({@code @prometheus-io/lezer-promql}, from the
 * npm registry), each on metrics the platform documents and exports, and together covering what stalls the flow:
 * the outbox's age, parked events, consumer lag and dead letters.
 */
class AlertRulesTest {

    private static final Path ROOT = Path.of(System.getProperty("kam.root", "..")).toAbsolutePath().normalize();
    private static final String GRAMMAR = "@prometheus-io/lezer-promql@0.315.0";

    @Test
    @SuppressWarnings("unchecked")
    void composeAndKubernetesShipTheSameValidAlertsOnDocumentedMetrics() throws Exception {
        Map<String, Object> compose = yaml(ROOT.resolve("deploy/observability/kam-alerts.yml"));
        Map<String, Object> kubernetes = yaml(ROOT.resolve("deploy/kubernetes/kam-alerts.yml"));
        assertThat(kubernetes.get("kind")).isEqualTo("PrometheusRule");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) compose.get("groups");
        assertThat(((Map<String, Object>) kubernetes.get("spec")).get("groups")).as("the same groups in both").isEqualTo(groups);
        assertThat(Files.readString(ROOT.resolve("deploy/observability/prometheus.yml"))).contains("/etc/prometheus/kam-alerts.yml");
        assertThat(Files.readString(ROOT.resolve("docker-compose.yml"))).contains("./deploy/observability/kam-alerts.yml:/etc/prometheus/kam-alerts.yml");

        Set<String> documented = documentedMetrics();
        List<String> expressions = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String name = (String) rule.get("alert");
                String expr = (String) rule.get("expr");
                assertThat(name).as("every rule is an alert").isNotBlank();
                assertThat(((Map<String, Object>) rule.get("labels")).get("severity")).as(name).isIn("critical", "warning");
                assertThat(((Map<String, Object>) rule.get("annotations")).get("summary")).as(name).isNotNull();
                Matcher metric = Pattern.compile("\\bkam_[a-z_]+").matcher(expr);
                while (metric.find()) {
                    assertThat(documented).as(name + " uses " + metric.group() + ", which the README's metrics table must list")
                            .contains(metric.group());
                    used.add(metric.group());
                }
                expressions.add(expr);
            }
        }
        assertThat(used).contains("kam_outbox_oldest_unpublished_age_seconds", "kam_outbox_parked", "kam_consumer_lag",
                "kam_dead_letters_total");
        assertThat(promqlProblems(expressions)).as("PromQL parse errors").isEqualTo("[]");
    }

    /** The metric names in the README's table under "Metrics" (the first column, in backquotes). */
    private static Set<String> documentedMetrics() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(kam_[a-z_]+)` \\|").matcher(Files.readString(ROOT.resolve("README.md")));
        while (row.find()) {
            names.add(row.group(1));
        }
        assertThat(names).as("metrics documented in the README").isNotEmpty();
        return names;
    }

    /** Parses the expressions with the Prometheus grammar under Node; installs it into target/ on first use. */
    private static String promqlProblems(List<String> expressions) throws Exception {
        Path tools = ROOT.resolve("platform-tests/target/promql");
        Files.createDirectories(tools);
        try (InputStream script = AlertRulesTest.class.getResourceAsStream("/promql/check.cjs")) {
            Files.copy(script, tools.resolve("check.cjs"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(tools.resolve("node_modules/@prometheus-io/lezer-promql"))) {
            run(tools, null, "npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", tools.toString(), GRAMMAR);
        }
        return run(tools, new ObjectMapper().writeValueAsString(expressions), "node", "check.cjs").strip();
    }

    private static String run(Path directory, String input, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }
}
