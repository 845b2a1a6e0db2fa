package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** The workspace's persistent volume claim. */
public record WorkspaceStorage(
        @Pattern("^[0-9]+(Mi|Gi|Ti)$") @JsonPropertyDescription("Volume size, e.g. 1Gi (default 1Gi).") String size,
        @JsonPropertyDescription("Storage class; default the cluster's default.") String storageClassName) {
}
