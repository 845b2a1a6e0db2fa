package dev.sandpod.operator.workspace;

import dev.sandpod.crd.v1alpha1.Condition;
import dev.sandpod.crd.v1alpha1.Workspace;
import dev.sandpod.crd.v1alpha1.WorkspaceSpec;
import dev.sandpod.crd.v1alpha1.WorkspaceStatus;
import dev.sandpod.operator.MockClusterTest;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class WorkspaceTest extends MockClusterTest {

    private Workspace create(String name, String idleTimeout) {
        Workspace workspace = new Workspace();
        workspace.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("test").build());
        WorkspaceSpec spec = new WorkspaceSpec();
        spec.setOwner("42");
        spec.setOperatingMode(WorkspaceSpec.OperatingMode.Running);
        spec.setIdleTimeout(idleTimeout);
        workspace.setSpec(spec);
        return client.resource(workspace).create();
    }

    private Pod awaitPod(String name) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> client.pods().inNamespace("test").withName(name + "-ws").get(), p -> p != null);
    }

    /** Plays the kubelet: the pod runs and is ready. */
    private void podIsReady(String name) {
        client.pods().inNamespace("test").withName(name + "-ws").editStatus(pod -> {
            pod.setStatus(new PodStatusBuilder().withPhase("Running").withStartTime(Instant.now().toString())
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
            return pod;
        });
    }

    private Workspace awaitStatus(String name, WorkspaceStatus.Phase phase) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> client.resources(Workspace.class).inNamespace("test").withName(name).get(),
                w -> w.getStatus() != null && w.getStatus().getPhase() == phase);
    }

    private static Condition ready(Workspace workspace) {
        return workspace.getStatus().getConditions().stream().filter(c -> c.type().equals("Ready")).findFirst().orElseThrow();
    }

    private void setMode(String name, String mode) {
        client.resources(Workspace.class).inNamespace("test").withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"operatingMode\":\"" + mode + "\"}}");
    }

    @Test
    void runningWorkspaceGetsARestrictedPodOnItsClaim() {
        create("ide", null);
        Pod pod = awaitPod("ide");
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace("test").withName("ide-data").get();
        assertNotNull(claim);
        assertEquals(new Quantity("1Gi"), claim.getSpec().getResources().getRequests().get("storage"));
        var container = pod.getSpec().getContainers().get(0);
        assertEquals(true, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        assertEquals(false, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(true, pod.getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSpec().getSecurityContext().getSeccompProfile().getType());
        assertEquals(false, pod.getSpec().getAutomountServiceAccountToken());
        assertEquals(container.getResources().getLimits(), container.getResources().getRequests());
        assertEquals("ide-data", pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName());
        assertEquals("Workspace", pod.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals("Workspace", claim.getMetadata().getOwnerReferences().get(0).getKind());

        podIsReady("ide");
        Workspace running = awaitStatus("ide", WorkspaceStatus.Phase.Running);
        assertEquals("True", ready(running).status());
        assertEquals("ide-ws", running.getStatus().getPodName());
    }

    @Test
    void suspendingDeletesThePodAndKeepsTheClaimForTheNextResume() {
        create("pause", null);
        awaitPod("pause");
        podIsReady("pause");
        awaitStatus("pause", WorkspaceStatus.Phase.Running);
        String claimUid = client.persistentVolumeClaims().inNamespace("test").withName("pause-data").get().getMetadata().getUid();

        setMode("pause", "Suspended");
        Workspace suspended = awaitStatus("pause", WorkspaceStatus.Phase.Suspended);
        assertEquals("False", ready(suspended).status());
        assertEquals("Suspended", ready(suspended).reason());
        assertEquals(null, client.pods().inNamespace("test").withName("pause-ws").get());
        assertEquals(claimUid, client.persistentVolumeClaims().inNamespace("test").withName("pause-data").get().getMetadata().getUid());

        setMode("pause", "Running");
        awaitPod("pause");
        podIsReady("pause");
        awaitStatus("pause", WorkspaceStatus.Phase.Running);
        assertEquals(claimUid, client.persistentVolumeClaims().inNamespace("test").withName("pause-data").get().getMetadata().getUid());
    }

    @Test
    void idleWorkspaceSuspendsItselfUnlessActivityIsReported() throws InterruptedException {
        // API timestamps have whole seconds: leave a second of slack either way
        create("idle", "4s");
        awaitPod("idle");
        podIsReady("idle");
        Thread.sleep(1500);
        client.resources(Workspace.class).inNamespace("test").withName("idle").edit(w -> {
            w.getMetadata().getAnnotations().put(WorkspaceReconciler.ACTIVITY_ANNOTATION, Instant.now().toString());
            return w;
        });
        Thread.sleep(2000);
        assertEquals(WorkspaceSpec.OperatingMode.Running,
                client.resources(Workspace.class).inNamespace("test").withName("idle").get().getSpec().getOperatingMode(),
                "activity 2 s ago keeps a 4 s idle timeout from firing");
        Workspace suspended = awaitStatus("idle", WorkspaceStatus.Phase.Suspended);
        assertEquals(WorkspaceSpec.OperatingMode.Suspended, suspended.getSpec().getOperatingMode());
        assertNotNull(client.persistentVolumeClaims().inNamespace("test").withName("idle-data").get());
    }

    @Test
    void idleTimeoutsParse() {
        assertEquals(Duration.ofMinutes(90), WorkspaceReconciler.idleTimeout("1h30m"));
        assertEquals(Duration.ofSeconds(45), WorkspaceReconciler.idleTimeout("45s"));
        assertEquals(null, WorkspaceReconciler.idleTimeout(null));
    }
}
