package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** Where a CodeRun is, and its result once its pod has ended. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CodeRunStatus extends ResourceStatus {

    /** The life of a CodeRun. */
    public enum Phase { Pending, Running, Succeeded, Failed, Cancelled }

    @JsonPropertyDescription("Pending, Running, Succeeded (a verdict was reached), Failed (no verdict) or Cancelled.")
    private Phase phase;

    @JsonPropertyDescription("COMPILATION_ERROR, the first case verdict that is not OK, or OK.")
    private String verdict;

    @JsonPropertyDescription("When the pod started (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the run finished (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("The compile stage.")
    private CompileStatus compile;

    @JsonPropertyDescription("One entry per test case.")
    private List<CaseStatus> cases;

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public CompileStatus getCompile() {
        return compile;
    }

    public void setCompile(CompileStatus compile) {
        this.compile = compile;
    }

    public List<CaseStatus> getCases() {
        return cases;
    }

    public void setCases(List<CaseStatus> cases) {
        this.cases = cases;
    }
}
