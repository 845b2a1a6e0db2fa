package dev.sandpod.runner;

/** The run was cancelled through its {@link RunListener}; its programs have been killed. */
public class RunCancelledException extends RuntimeException {

    public RunCancelledException() {
        super("the run was cancelled");
    }
}
