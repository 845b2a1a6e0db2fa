package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;

/** The runner's run request, field for field, plus what only a cluster needs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.source) != has(self.files)", message = "give source or files, not both")
@ValidationRule(value = "!(has(self.stdin) && has(self.testCases))", message = "give stdin or testCases, not both")
public class CodeRunSpec {

    @Required
    @Pattern("^[A-Za-z0-9+#._-]{1,32}$")
    @JsonPropertyDescription("Language id or alias: python (py, python3), c, cpp (c++), java, javascript (js, node), "
            + "typescript (ts), php, pascal, ruby, go, bash, lua, perl.")
    private String language;

    @JsonPropertyDescription("Optional language version; must prefix the runner's probed version (e.g. 3.11).")
    private String version;

    @Size(max = 524288)
    @JsonPropertyDescription("The program. Give source or files.")
    private String source;

    @Size(min = 1, max = 32)
    @JsonPropertyDescription("Several files; the first is the entry point. Give source or files.")
    private List<SourceFileSpec> files;

    @JsonPropertyDescription("Standard input of a single execution. Give stdin or testCases (or neither: empty input).")
    private String stdin;

    @Size(min = 1, max = 100)
    @JsonPropertyDescription("One execution per case, all against the same build.")
    private List<TestCaseSpec> testCases;

    @JsonPropertyDescription("Resource limits; each omitted one takes the operator's default.")
    private RunLimits limits;

    @JsonPropertyDescription("Name of a Workspace in this namespace whose files the run starts from.")
    private String workspaceRef;

    @Min(0)
    @JsonPropertyDescription("Delete this CodeRun (and its pod) this many seconds after it finishes.")
    private Long ttlSecondsAfterFinished;

    @JsonPropertyDescription("Set to true to stop the run: its pod is deleted and the phase becomes Cancelled.")
    private Boolean cancelRequested;

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public List<SourceFileSpec> getFiles() {
        return files;
    }

    public void setFiles(List<SourceFileSpec> files) {
        this.files = files;
    }

    public String getStdin() {
        return stdin;
    }

    public void setStdin(String stdin) {
        this.stdin = stdin;
    }

    public List<TestCaseSpec> getTestCases() {
        return testCases;
    }

    public void setTestCases(List<TestCaseSpec> testCases) {
        this.testCases = testCases;
    }

    public RunLimits getLimits() {
        return limits;
    }

    public void setLimits(RunLimits limits) {
        this.limits = limits;
    }

    public String getWorkspaceRef() {
        return workspaceRef;
    }

    public void setWorkspaceRef(String workspaceRef) {
        this.workspaceRef = workspaceRef;
    }

    public Long getTtlSecondsAfterFinished() {
        return ttlSecondsAfterFinished;
    }

    public void setTtlSecondsAfterFinished(Long ttlSecondsAfterFinished) {
        this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
    }

    public Boolean getCancelRequested() {
        return cancelRequested;
    }

    public void setCancelRequested(Boolean cancelRequested) {
        this.cancelRequested = cancelRequested;
    }
}
