package dev.sandpod.operator.coderun;

import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunSpec;
import dev.sandpod.crd.v1alpha1.CodeRunStatus;
import dev.sandpod.crd.v1alpha1.RunLimits;
import dev.sandpod.operator.MockClusterTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against Fabric8's mock API server in CRUD mode: a CodeRun becomes one locked-down pod. */
class CodeRunPodTest extends MockClusterTest {

    @Test
    void codeRunBecomesOneRestrictedPodOwnedByIt() {
        CodeRun run = codeRun("hello", new RunLimits(2000L, null, 128, null, null, null));
        client.resource(run).create();

        Pod pod = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.pods().inNamespace("test").withName("hello-run").get(), p -> p != null);

        var spec = pod.getSpec();
        assertEquals("Never", spec.getRestartPolicy());
        assertEquals(false, spec.getAutomountServiceAccountToken());
        assertEquals(false, spec.getEnableServiceLinks());
        assertEquals(62L, spec.getActiveDeadlineSeconds(), "60 s compile allowance + 2 s wall");
        assertEquals(true, spec.getSecurityContext().getRunAsNonRoot());
        assertEquals(65534L, spec.getSecurityContext().getRunAsUser());
        assertEquals("RuntimeDefault", spec.getSecurityContext().getSeccompProfile().getType());

        var container = spec.getContainers().get(0);
        var security = container.getSecurityContext();
        assertEquals(false, security.getAllowPrivilegeEscalation());
        assertEquals(true, security.getReadOnlyRootFilesystem());
        assertEquals(java.util.List.of("ALL"), security.getCapabilities().getDrop());
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertEquals(limits, container.getResources().getRequests(), "requests = limits");
        assertEquals(new Quantity("320Mi"), limits.get("memory"), "128 MiB for the program + the runner's own");
        assertEquals(new Quantity("1"), limits.get("cpu"));
        assertTrue(limits.containsKey("ephemeral-storage"));
        assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/run/sandpod") && m.getReadOnly()));

        var owner = pod.getMetadata().getOwnerReferences().get(0);
        assertEquals("CodeRun", owner.getKind());
        assertEquals("hello", owner.getName());
        assertEquals(true, owner.getController());

        ConfigMap request = client.configMaps().inNamespace("test").withName("hello-request").get();
        String json = request.getData().get("request.json");
        assertTrue(json.contains("\"language\":\"python\"") && json.contains("\"memoryMb\":128"), json);
        assertFalse(json.contains("ttlSecondsAfterFinished"), "cluster-only fields stay out of the request: " + json);
    }

    @Test
    void statusSaysPendingWithThePodAndTheObservedGeneration() {
        client.resource(codeRun("status", null)).create();
        CodeRun seen = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.resources(CodeRun.class).inNamespace("test").withName("status").get(),
                r -> r.getStatus() != null && r.getStatus().getPodName() != null);
        assertEquals(CodeRunStatus.Phase.Pending, seen.getStatus().getPhase());
        assertEquals("status-run", seen.getStatus().getPodName());
        assertEquals(seen.getMetadata().getGeneration(), seen.getStatus().getObservedGeneration());
        assertEquals("Unknown", seen.getStatus().getConditions().get(0).status());
    }

    @Test
    void anOperatorRestartMidRunCreatesNoSecondPod() {
        client.resource(codeRun("restart", null)).create();
        Pod first = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.pods().inNamespace("test").withName("restart-run").get(), p -> p != null);
        restartOperator();
        // the new operator reconciles the run again (status patch included) and must adopt, not duplicate
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> client.pods().inNamespace("test")
                .withLabel("sandpod.dev/coderun", "restart").list().getItems().size() == 1);
        assertEquals(first.getMetadata().getUid(),
                client.pods().inNamespace("test").withName("restart-run").get().getMetadata().getUid(), "the same pod");
    }

    @Test
    void cancellingDeletesThePodAndSaysCancelled() {
        client.resource(codeRun("stop", null)).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> client.pods().inNamespace("test").withName("stop-run").get() != null);

        client.resources(CodeRun.class).inNamespace("test").withName("stop")
                .edit(run -> {
                    run.getSpec().setCancelRequested(true);
                    return run;
                });

        await().atMost(Duration.ofSeconds(20)).until(() -> client.pods().inNamespace("test").withName("stop-run").get() == null);
        CodeRun cancelled = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.resources(CodeRun.class).inNamespace("test").withName("stop").get(),
                r -> r.getStatus() != null && r.getStatus().getPhase() == CodeRunStatus.Phase.Cancelled);
        assertEquals("False", cancelled.getStatus().getConditions().get(0).status());
        assertEquals("Cancelled", cancelled.getStatus().getConditions().get(0).reason());
        assertEquals(cancelled.getMetadata().getGeneration(), cancelled.getStatus().getObservedGeneration());
    }

    @Test
    void aFinishedRunIsDeletedWhenItsTtlRunsOut() {
        CodeRun run = codeRun("short-lived", null);
        run.getSpec().setTtlSecondsAfterFinished(1L);
        run.getSpec().setCancelRequested(true); // finished at once: no pod, phase Cancelled
        client.resource(run).create();
        await().atMost(Duration.ofSeconds(20)).until(
                () -> client.resources(CodeRun.class).inNamespace("test").withName("short-lived").get() == null);
        assertEquals(null, client.pods().inNamespace("test").withName("short-lived-run").get(), "no pod was ever made");
    }

    private static CodeRun codeRun(String name, RunLimits limits) {
        CodeRun run = new CodeRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("test").build());
        CodeRunSpec spec = new CodeRunSpec();
        spec.setLanguage("python");
        spec.setSource("print(input())");
        spec.setStdin("hi");
        spec.setLimits(limits);
        spec.setTtlSecondsAfterFinished(60L);
        run.setSpec(spec);
        return run;
    }
}
