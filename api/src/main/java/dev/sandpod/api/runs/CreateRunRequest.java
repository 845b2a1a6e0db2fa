package dev.sandpod.api.runs;

import dev.sandpod.runner.Limits;
import dev.sandpod.runner.RunRequest;
import dev.sandpod.runner.SourceFile;
import dev.sandpod.runner.TestCase;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The body of {@code POST /api/v1/runs}: the engine's run request plus delivery options. */
@Serdeable
@Schema(description = "A run: the runner's request shape, plus webhookUrl, clientId and wait")
public record CreateRunRequest(
        @Schema(description = "language id or alias", example = "python") @Nullable String language,
        @Schema(description = "optional: must prefix the server's version", example = "3.11") @Nullable String version,
        @Schema(description = "the program (or give files)", example = "print(input())") @Nullable String source,
        @Schema(description = "several files; the first is the entry point") @Nullable List<SourceFile> files,
        @Schema(description = "stdin of a single execution (or give testCases)") @Nullable String stdin,
        @Schema(description = "one execution per case against the same build") @Nullable List<TestCase> testCases,
        @Nullable Limits limits,
        @Schema(description = "POSTed the result when the run finishes") @Nullable String webhookUrl,
        @Schema(description = "idempotency key: the same clientId from the same owner returns the same run")
        @Nullable String clientId,
        @Schema(description = "true: answer with the finished run (up to the server's maximum wait), else 202")
        @JsonProperty("wait") @Nullable Boolean waitForResult) {

    RunRequest toRunRequest() {
        return new RunRequest(language, version, source, files, stdin, testCases, limits);
    }
}
