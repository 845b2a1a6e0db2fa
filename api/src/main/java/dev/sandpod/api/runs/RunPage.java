package dev.sandpod.api.runs;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of runs, newest first; items carry no result (fetch the run for it). */
@Serdeable
public record RunPage(List<RunResponse> items, int page, int size, long total) {
}
