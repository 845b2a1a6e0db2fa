package dev.sandpod.operator.coderun;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunStatus;
import dev.sandpod.crd.v1alpha1.Condition;
import dev.sandpod.operator.OperatorSettings;
import dev.sandpod.operator.tenancy.TenancyReconciler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
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

/**
 * Reconciles a CodeRun into its request ConfigMap, result key and pod; follows the pod; and when it
 * ends, records the signed result (or why there is none) in the status, after which the workflow
 * removes the pod and the key.
 */
@Workflow(dependents = {
        @Dependent(name = "request", type = CodeRunRequestDependentResource.class),
        @Dependent(name = "key", type = CodeRunKeyDependentResource.class, reconcilePrecondition = Active.class),
        // not dependsOn the other two: all three are created at once, and the kubelet waits for the
        // ConfigMap and Secret a pod refers to, so ordering would only add round trips
        @Dependent(name = "pod", type = CodeRunPodDependentResource.class, reconcilePrecondition = Active.class)})
@ControllerConfiguration
public class CodeRunReconciler implements Reconciler<CodeRun> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OperatorSettings settings = OperatorSettings.fromEnvironment(dev.sandpod.operator.OperatorConfig.values());
    /** Namespaces already labelled as tenants by this process: one lookup per namespace, not per run. */
    private final java.util.Set<String> tenants = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public UpdateControl<CodeRun> reconcile(CodeRun run, Context<CodeRun> context) {
        if (run.getStatus() == null) {
            markTenant(run.getMetadata().getNamespace(), context);
        }
        CodeRunStatus status = run.getStatus() == null ? new CodeRunStatus() : run.getStatus();
        String before = JSON.valueToTree(status).toString();
        Pod pod = context.getSecondaryResource(Pod.class).orElse(null);
        Long generation = run.getMetadata().getGeneration();
        Duration recheck = null;
        if (!Active.finished(run)) {
            if (Boolean.TRUE.equals(run.getSpec().getCancelRequested())) {
                finish(status, CodeRunStatus.Phase.Cancelled, "Cancelled", null, generation);
            } else if (pod == null && status.getPodName() != null) {
                // The pod existed and is gone. This view may predate our own status patch that finished
                // the run (JOSDK does not cache status patches): only the API server can tell.
                CodeRun fresh = context.getClient().resource(run).get();
                if (fresh == null || Active.finished(fresh)) {
                    return UpdateControl.noUpdate();
                }
                finish(status, CodeRunStatus.Phase.Failed, "PodDeleted", "the run's pod was deleted before it ended", generation);
            } else if (pod == null) {
                follow(status, CodeRunStatus.Phase.Pending, "Pending", null, generation);
            } else {
                status.setPodName(pod.getMetadata().getName());
                status.setStartTime(pod.getStatus() == null ? null : pod.getStatus().getStartTime());
                var failure = PodFailures.of(pod, settings.schedulingTimeout(), Instant.now());
                if (failure.isPresent()) {
                    finish(status, CodeRunStatus.Phase.Failed, failure.get().reason(), failure.get().message(), generation);
                } else if (PodFailures.terminal(pod)) {
                    var outcome = CodeRunResults.read(context.getClient(), pod, context.getSecondaryResource(Secret.class));
                    if (outcome.result() != null) {
                        CodeRunResults.record(status, outcome.result(), settings.statusOutputBytes());
                    }
                    finish(status, outcome.phase(), outcome.reason(), outcome.message(), generation);
                } else if ("Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
                    follow(status, CodeRunStatus.Phase.Running, "Running", null, generation);
                } else {
                    var unschedulable = PodFailures.unschedulable(pod);
                    follow(status, CodeRunStatus.Phase.Pending, unschedulable.isPresent() ? "Unschedulable" : "Pending",
                            unschedulable.orElse(null), generation);
                    recheck = unschedulable.map(m -> Duration.between(Instant.now(),
                            PodFailures.created(pod).plus(settings.schedulingTimeout()))).orElse(null);
                }
            }
        }
        status.setObservedGeneration(generation);
        run.setStatus(status);
        if (Active.finished(run)) {
            // a status patch starts no new reconcile, so the workflow would not get to remove these
            context.getSecondaryResource(Pod.class).ifPresent(p -> context.getClient().resource(p).delete());
            context.getSecondaryResource(Secret.class).ifPresent(k -> context.getClient().resource(k).delete());
        }
        UpdateControl<CodeRun> control = before.equals(JSON.valueToTree(status).toString())
                ? UpdateControl.noUpdate() : UpdateControl.patchStatus(run);
        if (recheck != null) {
            control.rescheduleAfter(Math.max(1000, recheck.toMillis()));
        }
        return expireWhenDue(run, status, context, control);
    }

    private static void follow(CodeRunStatus status, CodeRunStatus.Phase phase, String reason, String message, Long generation) {
        status.setPhase(phase);
        status.setConditions(List.of(succeeded(status.getConditions(), "Unknown", reason, message, generation)));
    }

    private static void finish(CodeRunStatus status, CodeRunStatus.Phase phase, String reason, String message, Long generation) {
        status.setPhase(phase);
        status.setCompletionTime(Instant.now().toString());
        String succeeded = phase == CodeRunStatus.Phase.Succeeded ? "True" : "False";
        status.setConditions(List.of(succeeded(status.getConditions(), succeeded, reason, message, generation)));
    }

    /** ttlSecondsAfterFinished: delete the finished run (and with it its pod) once its time is up. */
    private static UpdateControl<CodeRun> expireWhenDue(CodeRun run, CodeRunStatus status, Context<CodeRun> context,
                                                         UpdateControl<CodeRun> control) {
        Long ttl = run.getSpec().getTtlSecondsAfterFinished();
        if (ttl == null || !Active.finished(run) || status.getCompletionTime() == null) {
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
    private void markTenant(String namespace, Context<CodeRun> context) {
        if (tenants.contains(namespace)) {
            return;
        }
        var resource = context.getClient().namespaces().withName(namespace);
        var current = resource.get();
        if (current != null && (current.getMetadata().getLabels() == null
                || !current.getMetadata().getLabels().containsKey(TenancyReconciler.TENANT_LABEL))) {
            resource.patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"labels\":{\"" + TenancyReconciler.TENANT_LABEL + "\":\"true\"}}}");
        }
        tenants.add(namespace);
    }

    /** Keeps lastTransitionTime when the condition's status did not change. */
    static Condition succeeded(List<Condition> current, String status, String reason, String message, Long generation) {
        Condition previous = current == null ? null
                : current.stream().filter(c -> "Succeeded".equals(c.type())).findFirst().orElse(null);
        String since = previous != null && status.equals(previous.status()) ? previous.lastTransitionTime()
                : Instant.now().toString();
        return new Condition("Succeeded", status, reason, message, since, generation);
    }
}
