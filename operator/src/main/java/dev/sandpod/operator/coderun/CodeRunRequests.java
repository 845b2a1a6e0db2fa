package dev.sandpod.operator.coderun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunSpec;

/** The runner's request for a CodeRun: its spec without the fields only the cluster reads. */
final class CodeRunRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CodeRunRequests() {
    }

    static String json(CodeRun run) {
        ObjectNode request = JSON.valueToTree(run.getSpec());
        request.remove(java.util.List.of("workspaceRef", "ttlSecondsAfterFinished", "cancelRequested"));
        return request.toString();
    }

    /** Test cases in the run (one when it only gives stdin). */
    static int cases(CodeRunSpec spec) {
        return spec.getTestCases() == null || spec.getTestCases().isEmpty() ? 1 : spec.getTestCases().size();
    }
}
