package dev.sandpod.runner;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One run: a language, a {@code source} or several {@code files} (the first is the entry point), a
 * {@code stdin} or several {@code testCases}, and optional limits. The same JSON shape is the body of
 * {@code POST /api/v1/runs}, the runner CLI's stdin and {@code CodeRun.spec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRequest(
        String language,
        String version,
        String source,
        List<SourceFile> files,
        String stdin,
        List<TestCase> testCases,
        Limits limits) {
}
