package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One file of a multi-file run. */
public record SourceFileSpec(
        @Required @Pattern("^[A-Za-z0-9_][A-Za-z0-9_.+/-]{0,255}$")
        @JsonPropertyDescription("Relative path: plain segments separated by '/', no '..' or absolute paths.")
        String name,
        @JsonPropertyDescription("The file's content, in the given encoding.")
        String content,
        @Pattern("^(utf8|utf-8|base64)$")
        @JsonPropertyDescription("utf8 (default) or base64.")
        String encoding) {
}
