package dev.sandpod.runner;

/** One execution of the built program: its stdin, and optionally the output it must print. */
public record TestCase(String stdin, String expectedOutput) {
}
