package dev.sandpod.operator.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.crd.v1alpha1.Condition;
import dev.sandpod.crd.v1alpha1.Workspace;
import dev.sandpod.crd.v1alpha1.WorkspaceSpec.OperatingMode;
import dev.sandpod.crd.v1alpha1.WorkspaceStatus;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reconciles a Workspace into a claim (always) and a pod (while Running). Activity reported by the API
 * in the annotation {@code sandpod.dev/last-activity} keeps it running; after {@code idleTimeout}
 * without any, the operator sets {@code operatingMode: Suspended} itself, visible to everyone.
 */
@Workflow(dependents = {
        @Dependent(name = "data", type = WorkspacePvcDependentResource.class),
        @Dependent(name = "pod", type = WorkspacePodDependentResource.class, dependsOn = "data",
                reconcilePrecondition = ShouldRun.class)})
@ControllerConfiguration
public class WorkspaceReconciler implements Reconciler<Workspace> {

    public static final String ACTIVITY_ANNOTATION = "sandpod.dev/last-activity";
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+)([smh])");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public UpdateControl<Workspace> reconcile(Workspace workspace, Context<Workspace> context) {
        WorkspaceStatus status = workspace.getStatus() == null ? new WorkspaceStatus() : workspace.getStatus();
        String before = JSON.valueToTree(status).toString();
        Optional<Pod> pod = context.getSecondaryResource(Pod.class);
        Long generation = workspace.getMetadata().getGeneration();
        Duration recheck = null;
        if (workspace.getSpec().getOperatingMode() == OperatingMode.Suspended) {
            status.setPhase(pod.isPresent() ? WorkspaceStatus.Phase.Pending : WorkspaceStatus.Phase.Suspended);
            status.setPodName(null);
            ready(status, "False", "Suspended", null, generation);
        } else {
            Instant activity = lastActivity(workspace, pod.orElse(null));
            status.setLastActivityTime(activity.toString());
            Duration idle = idleTimeout(workspace.getSpec().getIdleTimeout());
            if (idle != null && !activity.plus(idle).isAfter(Instant.now())) {
                context.getClient().resource(workspace).patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"operatingMode\":\"Suspended\"}}");
                ready(status, "False", "Idle", "no activity for " + workspace.getSpec().getIdleTimeout(), generation);
            } else {
                recheck = idle == null ? null : Duration.between(Instant.now(), activity.plus(idle));
                String podPhase = pod.map(p -> p.getStatus() == null ? null : p.getStatus().getPhase()).orElse(null);
                boolean podReady = pod.map(WorkspaceReconciler::podReady).orElse(false);
                status.setPodName(pod.map(p -> p.getMetadata().getName()).orElse(null));
                status.setPhase("Failed".equals(podPhase) ? WorkspaceStatus.Phase.Failed
                        : podReady ? WorkspaceStatus.Phase.Running : WorkspaceStatus.Phase.Pending);
                ready(status, podReady ? "True" : "False", podReady ? "Running"
                        : "Failed".equals(podPhase) ? "PodFailed" : "Starting", null, generation);
            }
        }
        status.setObservedGeneration(generation);
        workspace.setStatus(status);
        UpdateControl<Workspace> control = before.equals(JSON.valueToTree(status).toString())
                ? UpdateControl.noUpdate() : UpdateControl.patchStatus(workspace);
        return recheck == null ? control : control.rescheduleAfter(Math.max(1000, recheck.toMillis()));
    }

    /** The later of the API's last report and the pod's start: a resumed workspace starts a fresh idle period. */
    private static Instant lastActivity(Workspace workspace, Pod pod) {
        Instant latest = Instant.parse(workspace.getMetadata().getCreationTimestamp() == null ? Instant.now().toString()
                : workspace.getMetadata().getCreationTimestamp());
        var annotations = workspace.getMetadata().getAnnotations();
        if (annotations != null && annotations.get(ACTIVITY_ANNOTATION) != null) {
            try {
                latest = max(latest, Instant.parse(annotations.get(ACTIVITY_ANNOTATION)));
            } catch (java.time.format.DateTimeParseException ignored) {
                // a malformed report counts as no report
            }
        }
        if (pod != null && pod.getMetadata().getCreationTimestamp() != null) {
            latest = max(latest, Instant.parse(pod.getMetadata().getCreationTimestamp()));
        }
        return latest;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** {@code 1h30m} → 90 minutes; null when unset. */
    static Duration idleTimeout(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return total;
    }

    private static boolean podReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The Ready condition, keeping lastTransitionTime while its status is unchanged. */
    private static void ready(WorkspaceStatus status, String value, String reason, String message, Long generation) {
        Condition previous = status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> "Ready".equals(c.type())).findFirst().orElse(null);
        String since = previous != null && value.equals(previous.status()) ? previous.lastTransitionTime() : Instant.now().toString();
        status.setConditions(List.of(new Condition("Ready", value, reason, message, since, generation)));
    }
}
