package dev.sandpod.operator.coderun;

import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunStatus;
import dev.sandpod.crd.v1alpha1.Condition;
import dev.sandpod.operator.tenancy.TenancyReconciler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reconciles a CodeRun into its request ConfigMap and its pod, and mirrors the pod's progress into
 * the status (phase, podName, the Succeeded condition, observedGeneration). Reading the result from
 * the finished pod comes next.
 */
@Workflow(dependents = {
        @Dependent(name = "request", type = CodeRunRequestDependentResource.class),
        @Dependent(name = "pod", type = CodeRunPodDependentResource.class, dependsOn = "request",
                reconcilePrecondition = NotCancelled.class)})
@ControllerConfiguration
public class CodeRunReconciler implements Reconciler<CodeRun> {

    @Override
    public UpdateControl<CodeRun> reconcile(CodeRun run, Context<CodeRun> context) {
        if (run.getStatus() == null) {
            markTenant(run.getMetadata().getNamespace(), context);
        }
        CodeRunStatus status = run.getStatus() == null ? new CodeRunStatus() : run.getStatus();
        String phaseBefore = String.valueOf(status.getPhase());
        Long generationBefore = status.getObservedGeneration();
        Pod pod = context.getSecondaryResource(Pod.class).orElse(null);
        CodeRunStatus.Phase phase = pod != null && "Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())
                ? CodeRunStatus.Phase.Running : CodeRunStatus.Phase.Pending;
        boolean cancelled = Boolean.TRUE.equals(run.getSpec().getCancelRequested());
        if (cancelled && (status.getPhase() == null || !isFinished(status.getPhase()))) {
            // the workflow has deleted the pod (NotCancelled precondition)
            status.setPhase(CodeRunStatus.Phase.Cancelled);
            status.setCompletionTime(Instant.now().toString());
            status.setConditions(List.of(succeeded(status.getConditions(), "False", "Cancelled",
                    run.getMetadata().getGeneration())));
        } else if (status.getPhase() == null || !isFinished(status.getPhase())) {
            status.setPhase(phase);
            status.setPodName(pod == null ? null : pod.getMetadata().getName());
            status.setConditions(List.of(succeeded(status.getConditions(), "Unknown",
                    phase == CodeRunStatus.Phase.Running ? "Running" : "Pending", run.getMetadata().getGeneration())));
        }
        status.setObservedGeneration(run.getMetadata().getGeneration());
        run.setStatus(status);
        boolean changed = !phaseBefore.equals(String.valueOf(status.getPhase()))
                || !Objects.equals(generationBefore, status.getObservedGeneration());
        UpdateControl<CodeRun> control = changed ? UpdateControl.patchStatus(run) : UpdateControl.noUpdate();
        return expireWhenDue(run, status, context, control);
    }

    /** ttlSecondsAfterFinished: delete the finished run (and with it its pod) once its time is up. */
    private static UpdateControl<CodeRun> expireWhenDue(CodeRun run, CodeRunStatus status, Context<CodeRun> context,
                                                         UpdateControl<CodeRun> control) {
        Long ttl = run.getSpec().getTtlSecondsAfterFinished();
        if (ttl == null || !isFinished(status.getPhase()) || status.getCompletionTime() == null) {
            return control;
        }
        Duration left = Duration.between(Instant.now(), Instant.parse(status.getCompletionTime()).plusSeconds(ttl));
        if (left.isNegative() || left.isZero()) {
            context.getClient().resource(run).delete();
            return UpdateControl.noUpdate();
        }
        return control.rescheduleAfter(left.toMillis());
    }

    /** A namespace that holds CodeRuns becomes a tenant: the tenancy reconciler gives it quota and policy. */
    private static void markTenant(String namespace, Context<CodeRun> context) {
        var resource = context.getClient().namespaces().withName(namespace);
        var current = resource.get();
        if (current != null && (current.getMetadata().getLabels() == null
                || !current.getMetadata().getLabels().containsKey(TenancyReconciler.TENANT_LABEL))) {
            resource.patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"" + TenancyReconciler.TENANT_LABEL + "\":\"true\"}}}");
        }
    }

    private static boolean isFinished(CodeRunStatus.Phase phase) {
        return phase == CodeRunStatus.Phase.Succeeded || phase == CodeRunStatus.Phase.Failed
                || phase == CodeRunStatus.Phase.Cancelled;
    }

    /** Keeps lastTransitionTime when the condition's status did not change. */
    static Condition succeeded(List<Condition> current, String status, String reason, Long generation) {
        Condition previous = current == null ? null
                : current.stream().filter(c -> "Succeeded".equals(c.type())).findFirst().orElse(null);
        String since = previous != null && status.equals(previous.status()) ? previous.lastTransitionTime()
                : Instant.now().toString();
        return new Condition("Succeeded", status, reason, null, since, generation);
    }
}
