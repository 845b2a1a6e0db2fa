package dev.sandpod.api.runs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import dev.sandpod.api.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

@Controller("/api/v1/runs")
@Tag(name = "Runs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class RunsController {

    private static final int MAX_PAGE_SIZE = 100;

    private final RunService runs;
    private final RunsConfiguration configuration;
    private final RunWorkers workers;

    RunsController(RunService runs, RunsConfiguration configuration, RunWorkers workers) {
        this.runs = runs;
        this.workers = workers;
        this.configuration = configuration;
    }

    @Post
    @Operation(summary = "Submit a run: 202 with its id, or with wait=true the finished run (202 if it takes longer "
            + "than the server's maximum wait)")
    HttpResponse<RunResponse> submit(Authentication authentication, @Body CreateRunRequest body, @QueryValue @Nullable Boolean wait) {
        boolean waitForIt = Boolean.TRUE.equals(wait) || (wait == null && Boolean.TRUE.equals(body.waitForResult()));
        RunEntity run = runs.submit(caller(authentication), body, waitForIt);
        if (runs.reservedHere(run)) {
            RunEntity reserved = run;
            run = workers.executeReserved(reserved).orElseGet(() -> runs.reload(reserved));
        } else if (waitForIt) {
            run = runs.await(run, configuration.maxWait());
        }
        RunResponse view = runs.view(run);
        if (run.state().finished()) {
            return HttpResponse.ok(view);
        }
        return HttpResponse.<RunResponse>status(HttpStatus.ACCEPTED).body(view)
                .headers(headers -> headers.location(URI.create("/api/v1/runs/" + view.id())));
    }

    @Get("/{id}")
    @Operation(summary = "A run with its full result")
    RunResponse get(Authentication authentication, @PathVariable UUID id) {
        return runs.view(runs.get(caller(authentication), id));
    }

    @Get("/{id}/status")
    @Operation(summary = "State and progress (cases done / total)")
    RunStatusResponse status(Authentication authentication, @PathVariable UUID id) {
        return RunStatusResponse.of(runs.get(caller(authentication), id));
    }

    @Post("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running run (its sandbox is killed); 409 once it has ended")
    RunResponse cancel(Authentication authentication, @PathVariable UUID id) {
        return runs.view(runs.cancel(caller(authentication), id));
    }

    @Delete("/{id}")
    @Operation(summary = "Delete a run (cancelling it first if it is still going)")
    HttpResponse<Void> delete(Authentication authentication, @PathVariable UUID id) {
        runs.delete(caller(authentication), id);
        return HttpResponse.noContent();
    }

    @Get
    @Operation(summary = "Runs, newest first, filtered by language, state and creation time (ISO-8601 from/to)")
    RunPage list(Authentication authentication, @QueryValue @Nullable String language, @QueryValue @Nullable String state,
                 @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                 @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size) {
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 20 : size;
        if (pageNumber < 0) {
            throw new dev.sandpod.runner.InvalidRunRequestException("page", "page must be 0 or more");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new dev.sandpod.runner.InvalidRunRequestException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return runs.list(caller(authentication), language, state(state), instant("from", from), instant("to", to),
                pageNumber, pageSize);
    }

    private static Caller caller(Authentication authentication) {
        return Caller.of(authentication);
    }

    static Instant parseInstant(String field, @Nullable String value) {
        return instant(field, value);
    }

    private static RunState state(@Nullable String state) {
        if (state == null) {
            return null;
        }
        try {
            return RunState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.sandpod.runner.InvalidRunRequestException("state",
                    "state must be one of QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED");
        }
    }

    private static Instant instant(String field, @Nullable String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new dev.sandpod.runner.InvalidRunRequestException(field, field + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
