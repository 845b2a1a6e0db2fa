package dev.sandpod.runner.sandbox;

import java.io.IOException;

/** Runs untrusted programs under limits. */
public interface Sandbox {

    Execution execute(SandboxCommand command) throws IOException;

    /** Gives the sandbox user the box so compilation can write into it. */
    void prepareBox(java.nio.file.Path box) throws IOException;

    /** A one-line description for logs and health details. */
    String describe();
}
