package dev.sandpod.api.runs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** The light view for polling: state and progress. */
@Serdeable
public record RunStatusResponse(UUID id, RunState state, @Nullable String verdict, int casesDone, int casesTotal) {

    static RunStatusResponse of(RunEntity run) {
        return new RunStatusResponse(run.id(), run.state(), run.verdict(), run.casesDone(), run.casesTotal());
    }
}
