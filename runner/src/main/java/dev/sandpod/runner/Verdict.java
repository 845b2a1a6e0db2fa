package dev.sandpod.runner;

/** How one test case (or the whole run) ended. */
public enum Verdict {
    OK,
    WRONG_ANSWER,
    RUNTIME_ERROR,
    TIME_LIMIT,
    MEMORY_LIMIT,
    OUTPUT_LIMIT,
    COMPILATION_ERROR,
    INTERNAL_ERROR
}
