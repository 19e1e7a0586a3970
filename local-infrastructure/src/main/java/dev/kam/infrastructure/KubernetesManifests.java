package dev.kam.infrastructure;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what the Quarkus Kubernetes extension generates for each service into the manifests under
 * {@code deploy/kubernetes} ({@code ./kam manifests}), with what the extension cannot be configured to write, defined
 * here once for every service:
 * <ul>
 *   <li>every container, the migration Job's and the init container included, runs without privilege escalation,
 *       with a read-only root file system (a memory-backed {@code /tmp} for the JVM) and no Linux capabilities;
 *       every pod as a non-root user with the runtime's default seccomp profile;</li>
 *   <li>every container has resource requests and limits (the service's own come from its configuration);</li>
 *   <li>the {@code view-jobs} Role, which the extension writes into each service's file, is written once, to
 *       {@code platform-rbac.yml}; each service keeps its RoleBinding to it.</li>
 * </ul>
 */
public final class KubernetesManifests {

    /** The user of the images (Dockerfile.jvm: USER 185). */
    static final int IMAGE_USER = 185;
    static final String SHARED_ROLE = "view-jobs";
    static final Map<String, Object> MIGRATION_RESOURCES = resources("100m", "256Mi", "1", "512Mi");
    static final Map<String, Object> INIT_CONTAINER_RESOURCES = resources("10m", "16Mi", "100m", "64Mi");

    /** One deployable's resources, hardened, and the Role it shared (null for the console, which runs no migration). */
    public record Hardened(List<Map<String, Object>> service, Map<String, Object> sharedRole) {
    }

    private KubernetesManifests() {
    }

    /** {@code ./kam manifests}: {@code <root> <service>...} (the console among them), after they were packaged. */
    public static void main(String[] arguments) throws IOException {
        Path root = Path.of(arguments[0]);
        Map<String, Object> role = null;
        for (int i = 1; i < arguments.length; i++) {
            String service = arguments[i];
            Hardened hardened = harden(read(root.resolve(service).resolve("target/kubernetes/kubernetes.yml")));
            if (hardened.sharedRole() != null) {
                if (role != null && !role.equals(hardened.sharedRole())) {
                    throw new IllegalStateException(service + " generates another " + SHARED_ROLE + " Role than the services before it");
                }
                role = hardened.sharedRole();
            }
            Files.writeString(root.resolve("deploy/kubernetes").resolve(service + ".yml"), write(hardened.service()));
            System.out.println("  deploy/kubernetes/" + service + ".yml");
        }
        Objects.requireNonNull(role, "no service generated the " + SHARED_ROLE + " Role");
        Files.writeString(root.resolve("deploy/kubernetes/platform-rbac.yml"),
                "# Shared by the services' RoleBindings: their migration-waiting init containers read Jobs. Written by ./kam manifests.\n"
                        + write(List.of(role)));
        System.out.println("  deploy/kubernetes/platform-rbac.yml");
    }

    /** The hardened resources of one service's generated file. */
    @SuppressWarnings("unchecked")
    public static Hardened harden(List<Map<String, Object>> generated) {
        List<Map<String, Object>> service = new ArrayList<>();
        Map<String, Object> role = null;
        for (Map<String, Object> resource : generated) {
            Map<String, Object> copy = deepCopy(resource);
            String kind = (String) copy.get("kind");
            if ("Role".equals(kind) && SHARED_ROLE.equals(((Map<String, Object>) copy.get("metadata")).get("name"))) {
                role = sharedRole(copy);
                continue;
            }
            if ("Deployment".equals(kind) || "Job".equals(kind)) {
                Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) copy.get("spec"))
                        .get("template")).get("spec");
                hardenPod(pod, "Job".equals(kind));
            }
            service.add(copy);
        }
        return new Hardened(service, role);
    }

    @SuppressWarnings("unchecked")
    private static void hardenPod(Map<String, Object> pod, boolean migration) {
        Map<String, Object> podSecurity = (Map<String, Object>) pod.computeIfAbsent("securityContext", key -> new LinkedHashMap<>());
        podSecurity.put("runAsNonRoot", true);
        podSecurity.put("runAsUser", IMAGE_USER);
        podSecurity.put("runAsGroup", IMAGE_USER);
        podSecurity.put("fsGroup", IMAGE_USER);
        podSecurity.put("seccompProfile", ordered("type", "RuntimeDefault"));
        List<Map<String, Object>> volumes = (List<Map<String, Object>>) pod.computeIfAbsent("volumes", key -> new ArrayList<>());
        volumes.add(ordered("name", "tmp", "emptyDir", ordered("medium", "Memory", "sizeLimit", "64Mi")));
        for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
            hardenContainer(container);
            if (migration) {
                container.put("resources", deepCopy(MIGRATION_RESOURCES));
            }
            if (!container.containsKey("resources")) {
                throw new IllegalStateException("container " + container.get("name") + " has no resources");
            }
            List<Map<String, Object>> mounts = (List<Map<String, Object>>) container.computeIfAbsent("volumeMounts", key -> new ArrayList<>());
            mounts.add(ordered("name", "tmp", "mountPath", "/tmp"));
        }
        for (Map<String, Object> init : (List<Map<String, Object>>) pod.getOrDefault("initContainers", List.of())) {
            hardenContainer(init);
            init.put("resources", deepCopy(INIT_CONTAINER_RESOURCES));
        }
    }

    private static void hardenContainer(Map<String, Object> container) {
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("allowPrivilegeEscalation", false);
        security.put("readOnlyRootFilesystem", true);
        security.put("capabilities", ordered("drop", List.of("ALL")));
        container.put("securityContext", security);
    }

    /** The Role without the labels naming the service it was generated for. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> sharedRole(Map<String, Object> role) {
        Map<String, Object> metadata = (Map<String, Object>) role.get("metadata");
        metadata.put("labels", ordered("app.kubernetes.io/part-of", "kam"));
        return role;
    }

    private static Map<String, Object> resources(String requestCpu, String requestMemory, String limitCpu, String limitMemory) {
        return ordered("requests", ordered("cpu", requestCpu, "memory", requestMemory), "limits", ordered("cpu", limitCpu, "memory", limitMemory));
    }

    /** A map that keeps the order it was written in, so the files come out the same from one run to the next. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml().loadAll(Files.readString(file)).forEach(document -> {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        });
        return documents;
    }

    private static String write(List<Map<String, Object>> documents) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> document : documents) {
            out.append("---\n").append(new Yaml(options).dump(document));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, deepCopy(value)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return (T) copy;
        }
        return node;
    }
}
