package dev.sandpod.api.runs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import dev.sandpod.api.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Controller("/api/v1/stats")
@Tag(name = "Runs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StatsController {

    private final RunStatsService stats;

    StatsController(RunStatsService stats) {
        this.stats = stats;
    }

    @Get
    @Operation(summary = "Run counts by state and verdict, average run time and memory, per language, "
            + "over runs created in [from, to) (ISO-8601; both optional)")
    RunStats stats(Authentication authentication, @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        return stats.stats(Caller.of(authentication).owner(), RunsController.parseInstant("from", from), RunsController.parseInstant("to", to));
    }
}
