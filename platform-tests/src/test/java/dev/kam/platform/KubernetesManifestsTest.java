package dev.kam.platform;

import dev.kam.infrastructure.KubernetesManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests under deploy/kubernetes are what the Quarkus Kubernetes extension generates from the services'
 * configuration, hardened by {@link KubernetesManifests} (./kam manifests), and they carry what a cluster needs:
 * probes, resources on every container, settings from the ConfigMap and the service's Secret, migrations run once by
 * a Job, containers that cannot escalate, write their image or hold capabilities, pods that run as non-root.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("kam.root", "..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"customer-service", "scoring-service", "team-coordination-service"})
    @SuppressWarnings("unchecked")
    void theCommittedManifestIsTheGeneratedOneWithProbesResourcesAndSettings(String service) throws Exception {
        String committed = Files.readString(ROOT.resolve("deploy/kubernetes/" + service + ".yml"));
        KubernetesManifests.Hardened generated = KubernetesManifests.harden(
                KubernetesManifests.read(ROOT.resolve(service + "/target/kubernetes/kubernetes.yml")));
        List<Map<String, Object>> resources = documents(committed);
        // Compared as data: the generator keeps neither the order of labels nor that of environment variables
        // from one build to the next.
        assertThat(normalised(resources)).as("deploy/kubernetes/" + service + ".yml is stale: run ./kam manifests and commit")
                .isEqualTo(normalised(generated.service()));
        // the Role the services' RoleBindings name is defined once, beside them
        assertThat(resources).noneSatisfy(resource -> assertThat(resource.get("kind")).isEqualTo("Role"));
        assertThat(normalised(documents(Files.readString(ROOT.resolve("deploy/kubernetes/platform-rbac.yml")))))
                .isEqualTo(normalised(List.of(generated.sharedRole())));
        assertThat(only(resources, "RoleBinding").toString()).contains("name=view-jobs");
        for (String kind : List.of("Deployment", "Job")) {
            Map<String, Object> pod = (Map<String, Object>) path(only(resources, kind), "spec", "template", "spec");
            assertThat(path(pod, "securityContext", "runAsNonRoot")).as(kind).isEqualTo(true);
            assertThat(path(pod, "securityContext", "seccompProfile", "type")).as(kind).isEqualTo("RuntimeDefault");
            List<Map<String, Object>> containers = new ArrayList<>((List<Map<String, Object>>) pod.get("containers"));
            containers.addAll((List<Map<String, Object>>) pod.getOrDefault("initContainers", List.of()));
            for (Map<String, Object> each : containers) {
                String name = kind + "/" + each.get("name");
                assertThat(path(each, "securityContext", "allowPrivilegeEscalation")).as(name).isEqualTo(false);
                assertThat(path(each, "securityContext", "readOnlyRootFilesystem")).as(name).isEqualTo(true);
                assertThat(path(each, "securityContext", "capabilities", "drop")).as(name).isEqualTo(List.of("ALL"));
                assertThat(path(each, "resources", "requests", "memory")).as(name).isNotNull();
                assertThat(path(each, "resources", "limits", "memory")).as(name).isNotNull();
                assertThat(path(each, "resources", "limits", "cpu")).as(name).isNotNull();
            }
        }

        Map<String, Object> deployment = only(resources, "Deployment");
        Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
        assertThat(spec.get("replicas")).isEqualTo(2);
        Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) spec.get("template"))
                .get("spec")).get("containers")).get(0);
        assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
        assertThat(path(container, "startupProbe", "httpGet", "path")).isEqualTo("/q/health/started");
        assertThat(path(container, "resources", "requests", "memory")).isEqualTo("384Mi");
        assertThat(path(container, "resources", "limits", "memory")).isEqualTo("768Mi");
        assertThat((List<Map<String, Object>>) container.get("envFrom")).extracting(Object::toString)
                .anySatisfy(source -> assertThat(source).contains("configMapRef").contains("kam-platform"))
                .anySatisfy(source -> assertThat(source).contains("secretRef").contains(service));
        assertThat(only(resources, "Job").toString()).contains("QUARKUS_FLYWAY_ACTIVE").contains("QUARKUS_INIT_AND_EXIT");
        assertThat(only(resources, "Service")).isNotNull();
        assertThat(only(resources, "ServiceMonitor").toString()).contains("/q/metrics");

        String config = Files.readString(ROOT.resolve("deploy/kubernetes/platform-config.yml"));
        assertThat(config).contains("name: kam-platform").contains("name: " + service + "\n");
        // no secret has a default: the template leaves each value for the secret store (README, "Secrets")
        for (Map<String, Object> secret : documents(config).stream().filter(document -> "Secret".equals(document.get("kind"))).toList()) {
            ((Map<String, Object>) secret.get("stringData")).forEach((name, value) -> {
                if (name.contains("PASSWORD") || name.contains("JAAS") || name.contains("SECRET")) {
                    assertThat(value).as(name + " in platform-config.yml").isEqualTo("");
                }
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConsolesManifestIsTheGeneratedOneSigningPeopleInThroughTheProvider() throws Exception {
        List<Map<String, Object>> resources = documents(Files.readString(ROOT.resolve("deploy/kubernetes/console.yml")));
        KubernetesManifests.Hardened generated = KubernetesManifests.harden(KubernetesManifests.read(ROOT.resolve("console/target/kubernetes/kubernetes.yml")));
        assertThat(normalised(resources)).as("deploy/kubernetes/console.yml is stale: run ./kam manifests and commit").isEqualTo(normalised(generated.service()));
        assertThat(generated.sharedRole()).as("the console runs no migration: no Role, no Job").isNull();
        assertThat(resources).noneSatisfy(resource -> assertThat(resource.get("kind")).isIn("Job", "Role"));

        Map<String, Object> spec = (Map<String, Object>) only(resources, "Deployment").get("spec");
        assertThat(spec.get("replicas")).isEqualTo(2);
        Map<String, Object> pod = (Map<String, Object>) path(spec, "template", "spec");
        assertThat(path(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat(path(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
        assertThat(path(container, "resources", "limits", "memory")).isEqualTo("512Mi");
        Map<String, String> environment = new java.util.HashMap<>();
        ((List<Map<String, Object>>) container.get("env")).forEach(variable -> environment.put((String) variable.get("name"), String.valueOf(variable.get("value"))));
        assertThat(environment).containsEntry("KAM_CONSOLE_SIGN_IN", "oidc").containsEntry("KAM_CUSTOMER_URL", "http://customer-service")
                .containsEntry("KAM_SCORING_URL", "http://scoring-service").containsEntry("KAM_TEAM_URL", "http://team-coordination-service");
        assertThat((List<Map<String, Object>>) container.get("envFrom")).extracting(Object::toString)
                .anySatisfy(source -> assertThat(source).contains("configMapRef").contains("kam-platform"))
                .anySatisfy(source -> assertThat(source).contains("secretRef").contains("console"));

        Map<String, Object> secret = documents(Files.readString(ROOT.resolve("deploy/kubernetes/platform-config.yml"))).stream()
                .filter(document -> "Secret".equals(document.get("kind")) && "console".equals(path(document, "metadata", "name"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) secret.get("stringData")).containsKeys("KAM_CONSOLE_OIDC_PROVIDER", "KAM_CONSOLE_OIDC_CLIENT_ID",
                "KAM_CONSOLE_PUBLIC_URL").containsEntry("KAM_CONSOLE_OIDC_CLIENT_SECRET", "");
    }

    /** Maps compare without order already; lists of named entries (env, ports, containers) are sorted by name. */
    @SuppressWarnings("unchecked")
    private static Object normalised(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.HashMap<>();
            map.forEach((key, value) -> copy.put(key, normalised(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.stream().map(KubernetesManifestsTest::normalised).toList());
            if (copy.stream().allMatch(item -> item instanceof Map<?, ?> entry && entry.get("name") instanceof String)) {
                copy.sort(java.util.Comparator.comparing(item -> (String) ((Map<String, Object>) item).get("name")));
            }
            return copy;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml().loadAll(yaml).forEach(document -> documents.add((Map<String, Object>) document));
        return documents;
    }

    private static Map<String, Object> only(List<Map<String, Object>> resources, String kind) {
        List<Map<String, Object>> found = resources.stream().filter(resource -> kind.equals(resource.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> node, String... keys) {
        Object current = node;
        for (String key : keys) {
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }
}
