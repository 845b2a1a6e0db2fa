package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The one condition shape of every Sandpod resource (as in Kubernetes' metav1.Condition). */
public record Condition(
        @Required @JsonPropertyDescription("Succeeded (CodeRun) or Ready (Workspace).")
        String type,
        @Required @Pattern("^(True|False|Unknown)$") @JsonPropertyDescription("True, False or Unknown.")
        String status,
        @JsonPropertyDescription("CamelCase reason, e.g. Completed, OOMKilled, DeadlineExceeded, Cancelled.")
        String reason,
        @JsonPropertyDescription("Human-readable detail.")
        String message,
        @JsonPropertyDescription("When status last changed (RFC 3339).")
        String lastTransitionTime,
        @JsonPropertyDescription("The generation this condition was computed from.")
        Long observedGeneration) {
}
