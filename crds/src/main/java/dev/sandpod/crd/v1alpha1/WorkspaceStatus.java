package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** Where a workspace is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkspaceStatus {

    /** The life of a workspace. */
    public enum Phase { Pending, Running, Suspended, Failed }

    @JsonPropertyDescription("Pending, Running, Suspended or Failed.")
    private Phase phase;

    @JsonPropertyDescription("The Ready condition: True once the pod is ready.")
    private List<Condition> conditions;

    @JsonPropertyDescription("The workspace pod, while one exists.")
    private String podName;

    @JsonPropertyDescription("Last activity the API reported (RFC 3339); idleTimeout counts from it.")
    private String lastActivityTime;

    @JsonPropertyDescription("The spec generation this status describes.")
    private Long observedGeneration;

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getPodName() {
        return podName;
    }

    public void setPodName(String podName) {
        this.podName = podName;
    }

    public String getLastActivityTime() {
        return lastActivityTime;
    }

    public void setLastActivityTime(String lastActivityTime) {
        this.lastActivityTime = lastActivityTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }
}
