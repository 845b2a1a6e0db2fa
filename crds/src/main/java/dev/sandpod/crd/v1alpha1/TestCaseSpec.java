package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One execution of the build: its stdin and, optionally, the output it must print. */
public record TestCaseSpec(
        @JsonPropertyDescription("Standard input of this execution.")
        String stdin,
        @JsonPropertyDescription("Expected stdout; trailing whitespace on each line and trailing blank lines do not count.")
        String expectedOutput) {
}
