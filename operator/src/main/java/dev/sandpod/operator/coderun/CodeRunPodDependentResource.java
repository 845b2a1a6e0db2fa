package dev.sandpod.operator.coderun;

import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunSpec;
import dev.sandpod.crd.v1alpha1.RunLimits;
import dev.sandpod.operator.OperatorSettings;
import dev.sandpod.operator.RestrictedPods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

import java.util.List;
import java.util.Map;

/**
 * The one pod that runs a CodeRun: Pod Security "restricted" plus a read-only root file system, no
 * service account token, no service links, requests = limits, and a deadline from the run's limits.
 * Pods are immutable: this dependent creates, never updates; the owner reference deletes it with the run.
 */
public class CodeRunPodDependentResource extends KubernetesDependentResource<Pod, CodeRun>
        implements Creator<Pod, CodeRun>, GarbageCollected<CodeRun> {

    private static final String REQUEST_DIR = "/run/sandpod";

    // JOSDK instantiates dependents itself: settings come from the operator's environment.
    private final OperatorSettings settings = OperatorSettings.fromEnvironment(dev.sandpod.operator.OperatorConfig.values());

    public CodeRunPodDependentResource() {
        super(Pod.class);
    }

    static String name(CodeRun run) {
        return run.getMetadata().getName() + "-run";
    }

    /** The CodeRun is the pod's controller: deleting the run deletes the pod, and nothing else adopts it. */
    @Override
    protected void addReferenceHandlingMetadata(Pod pod, CodeRun run) {
        super.addReferenceHandlingMetadata(pod, run);
        pod.getMetadata().getOwnerReferences().stream()
                .filter(reference -> reference.getUid().equals(run.getMetadata().getUid()))
                .forEach(reference -> {
                    reference.setController(true);
                    reference.setBlockOwnerDeletion(true);
                });
    }

    @Override
    protected Pod desired(CodeRun run, Context<CodeRun> context) {
        CodeRunSpec spec = run.getSpec();
        RunLimits limits = spec.getLimits() == null ? new RunLimits(null, null, null, null, null, null) : spec.getLimits();
        long wallMs = limits.wallTimeMs() == null ? 5000 : limits.wallTimeMs();
        int memoryMb = (limits.memoryMb() == null ? 256 : limits.memoryMb()) + settings.runtimeMemoryMb();
        long deadline = settings.compileSeconds() + (wallMs * CodeRunRequests.cases(spec) + 999) / 1000;
        Map<String, Quantity> resources = Map.of(
                "cpu", new Quantity("1"),
                "memory", new Quantity(memoryMb + "Mi"),
                "ephemeral-storage", new Quantity(settings.ephemeralStorage()));
        return new PodBuilder()
                .withNewMetadata()
                .withName(name(run))
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "sandpod", "app.kubernetes.io/component", "coderun",
                        "sandpod.dev/coderun", run.getMetadata().getName()))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withActiveDeadlineSeconds(deadline)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withRuntimeClassName(settings.runtimeClassName())
                .withSecurityContext(RestrictedPods.pod())
                .addNewContainer()
                .withName("runner")
                .withImage(settings.imageFor(spec.getLanguage()))
                .withCommand("sh", "-c", "exec java -XX:+UseSerialGC -Xshare:auto -jar /opt/sandpod/sandpod-runner.jar "
                        + "--isolation=none < " + REQUEST_DIR + "/" + CodeRunRequestDependentResource.KEY)
                .addNewEnv().withName("TMPDIR").withValue("/tmp").endEnv()
                .addNewEnv().withName("SANDPOD_RESULT_KEY").withNewValueFrom().withNewSecretKeyRef()
                .withName(CodeRunKeyDependentResource.name(run)).withKey(CodeRunKeyDependentResource.KEY)
                .endSecretKeyRef().endValueFrom().endEnv()
                .withSecurityContext(RestrictedPods.container())
                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                .addNewVolumeMount().withName("request").withMountPath(REQUEST_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("request").withNewConfigMap()
                .withName(CodeRunRequestDependentResource.name(run)).withDefaultMode(0444).endConfigMap().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity(settings.ephemeralStorage()))
                .endEmptyDir().endVolume()
                .endSpec()
                .build();
    }
}
