package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a workspace is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkspaceStatus extends ResourceStatus {

    /** The life of a workspace. */
    public enum Phase { Pending, Running, Suspended, Failed }

    @JsonPropertyDescription("Pending, Running, Suspended or Failed.")
    private Phase phase;

    @JsonPropertyDescription("Last activity the API reported (RFC 3339); idleTimeout counts from it.")
    private String lastActivityTime;

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public String getLastActivityTime() {
        return lastActivityTime;
    }

    public void setLastActivityTime(String lastActivityTime) {
        this.lastActivityTime = lastActivityTime;
    }
}
