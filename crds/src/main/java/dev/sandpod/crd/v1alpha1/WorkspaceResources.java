package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** CPU and memory of a workspace pod, as Kubernetes quantities. */
public record WorkspaceResources(
        @Pattern("^[0-9]+(\\.[0-9]+)?m?$") @JsonPropertyDescription("CPU, e.g. 500m or 1 (default 500m).") String cpu,
        @Pattern("^[0-9]+(Ki|Mi|Gi)?$") @JsonPropertyDescription("Memory, e.g. 512Mi (default 512Mi).") String memory) {
}
