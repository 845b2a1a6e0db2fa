package dev.sandpod.runner;

/** Lets a caller follow a run and stop it: {@link #cancelled()} is polled while programs run. */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /** True once the caller wants the run stopped; the running program is killed within ~20 ms. */
    default boolean cancelled() {
        return false;
    }

    /** Called once the run has a slot and is about to execute (it may have waited for one). */
    default void started() {
    }

    /** Called after each test case. */
    default void caseFinished(int done, int total) {
    }
}
