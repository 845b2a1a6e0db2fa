package dev.sandpod.runner;

import java.util.List;

/**
 * The result of a run. {@code verdict} is {@code COMPILATION_ERROR}, or the first case verdict that is
 * not {@code OK}, or {@code OK}. {@code message} explains an {@code INTERNAL_ERROR}.
 */
public record RunResult(Verdict verdict, String language, String version, CompileResult compile,
                        List<CaseResult> cases, String message) {

    public static RunResult of(String language, String version, CompileResult compile, List<CaseResult> cases) {
        Verdict verdict = compile.succeeded()
                ? cases.stream().map(CaseResult::verdict).filter(v -> v != Verdict.OK).findFirst().orElse(Verdict.OK)
                : Verdict.COMPILATION_ERROR;
        return new RunResult(verdict, language, version, compile, cases, null);
    }

    public static RunResult internalError(String language, String message) {
        return new RunResult(Verdict.INTERNAL_ERROR, language, null, CompileResult.skipped(), List.of(), message);
    }
}
