package dev.sandpod.operator.workspace;

import dev.sandpod.crd.v1alpha1.Workspace;
import dev.sandpod.crd.v1alpha1.WorkspaceResources;
import dev.sandpod.operator.OperatorSettings;
import dev.sandpod.operator.RestrictedPods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

import java.util.Map;

/**
 * The workspace's pod while it runs: the same restricted security as a CodeRun pod, its claim at
 * /workspace, and a process that only waits (terminals are exec sessions into it).
 */
public class WorkspacePodDependentResource extends KubernetesDependentResource<Pod, Workspace>
        implements Creator<Pod, Workspace>, GarbageCollected<Workspace> {

    private final OperatorSettings settings = OperatorSettings.fromEnvironment(dev.sandpod.operator.OperatorConfig.values());

    public WorkspacePodDependentResource() {
        super(Pod.class);
    }

    static String name(Workspace workspace) {
        return workspace.getMetadata().getName() + "-ws";
    }

    @Override
    protected Pod desired(Workspace workspace, Context<Workspace> context) {
        WorkspaceResources requested = workspace.getSpec().getResources();
        String cpu = requested == null || requested.cpu() == null ? "500m" : requested.cpu();
        String memory = requested == null || requested.memory() == null ? "512Mi" : requested.memory();
        Map<String, Quantity> resources = Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory),
                "ephemeral-storage", new Quantity(settings.ephemeralStorage()));
        String image = workspace.getSpec().getImage() == null ? settings.runnerImage() : workspace.getSpec().getImage();
        return new PodBuilder()
                .withNewMetadata()
                .withName(name(workspace))
                .withNamespace(workspace.getMetadata().getNamespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "sandpod", "app.kubernetes.io/component", "workspace",
                        "sandpod.dev/workspace", workspace.getMetadata().getName()))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Always")
                .withTerminationGracePeriodSeconds(5L)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withRuntimeClassName(settings.runtimeClassName())
                .withSecurityContext(RestrictedPods.pod())
                .addNewContainer()
                .withName("workspace")
                .withImage(image)
                .withCommand("sleep", "infinity")
                .withWorkingDir("/workspace")
                .addNewEnv().withName("HOME").withValue("/workspace").endEnv()
                .addNewEnv().withName("TMPDIR").withValue("/tmp").endEnv()
                .withSecurityContext(RestrictedPods.container())
                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                .addNewVolumeMount().withName("data").withMountPath("/workspace").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName(WorkspacePvcDependentResource.name(workspace)).endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity(settings.ephemeralStorage()))
                .endEmptyDir().endVolume()
                .endSpec()
                .build();
    }
}
