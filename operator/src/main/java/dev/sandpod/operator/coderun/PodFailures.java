package dev.sandpod.operator.coderun;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the kubelet or the scheduler says went wrong with a run's pod, as a CamelCase reason. */
final class PodFailures {

    private static final Set<String> IMAGE_FAILURES = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "ErrImageNeverPull");

    private PodFailures() {
    }

    record Failure(String reason, String message) {
    }

    static boolean terminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /**
     * A failure that ends the run: the pod's own (DeadlineExceeded, Evicted), its container's (OOMKilled),
     * an image that cannot be pulled, or a pod the scheduler could not place for {@code schedulingTimeout}.
     */
    static Optional<Failure> of(Pod pod, Duration schedulingTimeout, Instant now) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        if ("DeadlineExceeded".equals(status.getReason())) {
            return Optional.of(new Failure("DeadlineExceeded", "the pod ran past its activeDeadlineSeconds"));
        }
        if ("Evicted".equals(status.getReason())) {
            return Optional.of(new Failure("Evicted", message(status.getMessage(), "the node evicted the pod")));
        }
        for (ContainerStatus container : containers(status)) {
            var state = container.getState();
            if (state != null && state.getTerminated() != null && "OOMKilled".equals(state.getTerminated().getReason())) {
                return Optional.of(new Failure("OOMKilled", "the pod went over its memory limit"));
            }
            if (state != null && state.getWaiting() != null && IMAGE_FAILURES.contains(state.getWaiting().getReason())) {
                return Optional.of(new Failure("ImagePullBackOff", message(state.getWaiting().getMessage(),
                        "the runner image cannot be pulled")));
            }
        }
        return unschedulable(pod).filter(message -> created(pod).plus(schedulingTimeout).isBefore(now))
                .map(message -> new Failure("Unschedulable", message));
    }

    /** The scheduler's complaint while it cannot place the pod. */
    static Optional<String> unschedulable(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                    && "Unschedulable".equals(condition.getReason())) {
                return Optional.of(message(condition.getMessage(), "no node can run the pod"));
            }
        }
        return Optional.empty();
    }

    static Instant created(Pod pod) {
        String created = pod.getMetadata().getCreationTimestamp();
        return created == null ? Instant.now() : Instant.parse(created);
    }

    private static List<ContainerStatus> containers(PodStatus status) {
        return status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
    }

    private static String message(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given;
    }
}
