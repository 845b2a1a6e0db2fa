package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cloud-IDE workspace: a sandboxed pod and the volume that keeps its files across suspensions. */
@Group("sandpod.dev")
@Version("v1alpha1")
@ShortNames({"ws", "wss"})
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Workspace extends CustomResource<WorkspaceSpec, WorkspaceStatus> implements Namespaced {

    // Overridden only to describe the two top-level fields for kubectl explain.
    @Override
    @JsonPropertyDescription("The workspace: owner, image, resources, storage and whether its pod should run.")
    public WorkspaceSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Phase, the Ready condition, the pod and the last reported activity.")
    public WorkspaceStatus getStatus() {
        return super.getStatus();
    }
}
