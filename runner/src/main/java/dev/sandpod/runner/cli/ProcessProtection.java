package dev.sandpod.runner.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Makes this process non-dumpable (prctl PR_SET_DUMPABLE 0). In a pod the user's program runs with the
 * runner's uid; a dumpable runner would let it read the runner's memory and environment through
 * /proc or ptrace, or write to its stdout through /proc/&lt;pid&gt;/fd/1. The JDK has no call for
 * this before Java 22, so JNA makes it.
 */
final class ProcessProtection {

    private static final int PR_GET_DUMPABLE = 3;
    private static final int PR_SET_DUMPABLE = 4;

    private interface C extends Library {
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);
    }

    private ProcessProtection() {
    }

    /** Returns normally only when the process is no longer dumpable. */
    static void makeUndumpable() {
        C c = Native.load("c", C.class);
        if (c.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0 || c.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0) {
            throw new IllegalStateException("prctl(PR_SET_DUMPABLE, 0) failed");
        }
    }
}
