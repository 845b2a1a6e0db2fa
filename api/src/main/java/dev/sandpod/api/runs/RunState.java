package dev.sandpod.api.runs;

/** QUEUED → RUNNING → COMPLETED | FAILED | CANCELLED. */
public enum RunState {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
