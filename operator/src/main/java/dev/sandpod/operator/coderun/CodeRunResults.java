package dev.sandpod.operator.coderun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.crd.v1alpha1.CaseStatus;
import dev.sandpod.crd.v1alpha1.CodeRunStatus;
import dev.sandpod.crd.v1alpha1.CompileStatus;
import dev.sandpod.runner.CaseResult;
import dev.sandpod.runner.ResultFrame;
import dev.sandpod.runner.RunResult;
import dev.sandpod.runner.Verdict;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a finished pod's log into the CodeRun's outcome: the last result frame signed with the run's
 * key, or a failure saying why there is none.
 */
final class CodeRunResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CodeRunResults() {
    }

    /** What a finished run records: phase, the Succeeded condition's reason and message, and its result. */
    record Outcome(CodeRunStatus.Phase phase, String reason, String message, RunResult result) {
    }

    static Outcome read(KubernetesClient client, Pod pod, Optional<Secret> key) {
        if (key.isEmpty()) {
            return new Outcome(CodeRunStatus.Phase.Failed, "ResultMissing", "the run's result key is gone", null);
        }
        String log = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .inContainer("runner").getLog();
        Optional<String> json = ResultFrame.read(CodeRunKeyDependentResource.bytes(key.get()), log == null ? "" : log);
        if (json.isEmpty()) {
            return new Outcome(CodeRunStatus.Phase.Failed, "ResultMissing",
                    "the runner ended without a signed result" + exitCode(pod), null);
        }
        try {
            JsonNode node = JSON.readTree(json.get());
            if (node.has("error")) {
                String field = node.at("/error/field").asText("");
                return new Outcome(CodeRunStatus.Phase.Failed, "InvalidRequest",
                        (field.isEmpty() ? "" : "spec." + field + ": ") + node.at("/error/message").asText(), null);
            }
            RunResult result = JSON.treeToValue(node, RunResult.class);
            return result.verdict() == Verdict.INTERNAL_ERROR
                    ? new Outcome(CodeRunStatus.Phase.Failed, "InternalError", result.message(), result)
                    : new Outcome(CodeRunStatus.Phase.Succeeded, reason(result.verdict()), null, result);
        } catch (IOException e) {
            return new Outcome(CodeRunStatus.Phase.Failed, "ResultMissing", "the result could not be read: " + e.getMessage(), null);
        }
    }

    /** OK is Completed; every other verdict in CamelCase (WRONG_ANSWER: WrongAnswer). */
    static String reason(Verdict verdict) {
        if (verdict == Verdict.OK) {
            return "Completed";
        }
        StringBuilder reason = new StringBuilder();
        for (String word : verdict.name().split("_")) {
            reason.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return reason.toString();
    }

    /** Writes the result into the status, each output cut to {@code maxBytes}. */
    static void record(CodeRunStatus status, RunResult result, int maxBytes) {
        status.setVerdict(result.verdict().name());
        status.setCompile(new CompileStatus(result.compile().status(), cut(result.compile().output(), maxBytes),
                result.compile().timeMs()));
        status.setCases(result.cases().stream().map(c -> caseStatus(c, maxBytes)).toList());
    }

    private static CaseStatus caseStatus(CaseResult c, int maxBytes) {
        String stdout = cut(c.stdout(), maxBytes);
        String stderr = cut(c.stderr(), maxBytes);
        return new CaseStatus(c.verdict().name(), c.exitCode(), c.signal(), stdout, stderr,
                c.stdoutTruncated() || stdout.length() < c.stdout().length(),
                c.stderrTruncated() || stderr.length() < c.stderr().length(), c.wallTimeMs(), c.cpuTimeMs(), c.memoryKb());
    }

    private static String cut(String text, int maxBytes) {
        if (text == null) {
            return "";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        String cut = new String(bytes, 0, maxBytes, StandardCharsets.UTF_8);
        return cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    }

    private static String exitCode(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return "";
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getState() != null && s.getState().getTerminated() != null)
                .map(s -> " (exit code " + s.getState().getTerminated().getExitCode() + ")").findFirst().orElse("");
    }
}
