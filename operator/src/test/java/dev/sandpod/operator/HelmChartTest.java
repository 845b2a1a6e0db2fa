package dev.sandpod.operator;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart lints and renders what the operator needs, with the restricted security it asks of others. */
class HelmChartTest {

    private static final Path CHART = Path.of("../helm/sandpod");

    private static List<HasMetadata> render(String... values) {
        var template = Helm.template(CHART.toString()).withName("sp").withNamespace("sandpod-system");
        for (String value : values) {
            String[] kv = value.split("=", 2);
            template = template.set(kv[0], kv[1]);
        }
        String yaml = template.call();
        List<HasMetadata> objects = new java.util.ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank() && document.contains("kind:")) {
                Object parsed = Serialization.unmarshal(document);
                if (parsed instanceof KubernetesList list) {
                    objects.addAll(list.getItems());
                } else {
                    objects.add((HasMetadata) parsed);
                }
            }
        }
        return objects;
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow(
                () -> new AssertionError("no " + type.getSimpleName()));
    }

    @Test
    void chartLintsStrictly() {
        var result = new Helm(CHART).lint().strict().call();
        assertTrue(!result.isFailed(), result.getMessages().toString());
    }

    @Test
    void operatorRunsRestrictedWithProbesAndLeaderElection() {
        Deployment deployment = only(render(), Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(2, deployment.getSpec().getReplicas());
        assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        var container = pod.getContainers().get(0);
        assertEquals(true, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        assertEquals("/healthz", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/readyz", container.getReadinessProbe().getHttpGet().getPath());
        assertTrue(container.getEnv().stream().anyMatch(e -> e.getName().equals("POD_NAMESPACE")));
        assertEquals(container.getResources().getLimits().get("memory"), container.getResources().getRequests().get("memory"));
    }

    @Test
    void clusterRoleCoversWhatTheOperatorTouches() {
        ClusterRole role = only(render(), ClusterRole.class);
        List<String> granted = role.getRules().stream()
                .flatMap(rule -> rule.getResources().stream().map(resource -> resource + ":" + String.join(",", rule.getVerbs())))
                .toList();
        for (String needed : List.of("coderuns:", "coderuns/status:", "workspaces:", "pods:", "pods/log:get", "secrets:",
                "configmaps:", "persistentvolumeclaims:", "namespaces:", "resourcequotas:", "limitranges:", "networkpolicies:")) {
            assertTrue(granted.stream().anyMatch(g -> g.startsWith(needed)), needed + " in " + granted);
        }
    }

    @Test
    void valuesReachTheOperatorsSettingsFile() {
        ConfigMap config = only(render("runner.image=registry.example/runner:9", "runner.runtimeClassName=gvisor",
                "runner.languageImages.python=registry.example/py:1"), ConfigMap.class);
        String properties = config.getData().get("operator.properties");
        var values = OperatorSettings.fromEnvironment(parse(properties));
        assertEquals("registry.example/runner:9", values.runnerImage());
        assertEquals("gvisor", values.runtimeClassName());
        assertEquals("registry.example/py:1", values.imageFor("python"));
    }

    private static java.util.Map<String, String> parse(String properties) {
        java.util.Properties parsed = new java.util.Properties();
        try {
            parsed.load(new java.io.StringReader(properties));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.Map<String, String> map = new java.util.HashMap<>();
        parsed.stringPropertyNames().forEach(name -> map.put(name, parsed.getProperty(name).strip()));
        return map;
    }
}
