package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One run of untrusted code: the runner's request shape as spec, its (truncated) result as status. */
@Group("sandpod.dev")
@Version("v1alpha1")
@ShortNames({"crun", "cruns"})
@AdditionalPrinterColumn(name = "Language", jsonPath = ".spec.language", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class CodeRun extends CustomResource<CodeRunSpec, CodeRunStatus> implements Namespaced {

    // Overridden only to describe the two top-level fields for kubectl explain.
    @Override
    @JsonPropertyDescription("The run: the runner's request shape (language, source or files, stdin or testCases, limits) plus cluster options.")
    public CodeRunSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Phase, verdict, the Succeeded condition, the pod, and the truncated result once the pod has ended.")
    public CodeRunStatus getStatus() {
        return super.getStatus();
    }
}
