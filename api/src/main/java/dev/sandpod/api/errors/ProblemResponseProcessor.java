package dev.sandpod.api.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.exceptions.InvalidFormatException;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders every framework error (unknown route, wrong method, unreadable body, oversized body) as the
 * same application/problem+json body the application's own errors use, with a {@code detail} that
 * names the problem and, for a wrongly typed field, a {@code violations} entry naming the field.
 * Server errors never carry the exception's message: it may hold internals.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
class ProblemResponseProcessor implements ErrorResponseProcessor<ApiProblem> {

    private static final int MAX_DETAIL = 300;

    @Override
    public MutableHttpResponse<ApiProblem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
            // Every body this API reads is JSON: a body of another type is a bad request, said as such.
            response.status(HttpStatus.BAD_REQUEST);
        }
        HttpStatus status = response.status();
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        List<ApiProblem.Violation> violations = status == HttpStatus.BAD_REQUEST ? fieldViolations(context) : List.of();
        String detail = violations.isEmpty() ? detail(context, status)
                : "Invalid value for field '" + violations.get(0).field() + "': " + violations.get(0).message();
        ApiProblem problem = new ApiProblem("about:blank", status.getReason(), status.getCode(), detail,
                violations.isEmpty() ? null : violations);
        return response.contentType(ApiProblem.CONTENT_TYPE).body(problem);
    }

    private static String detail(ErrorContext context, HttpStatus status) {
        HttpRequest<?> request = context.getRequest();
        return switch (status) {
            case NOT_FOUND -> context.getErrors().isEmpty() || "Page Not Found".equals(context.getErrors().get(0).getMessage())
                    ? "No resource at " + request.getPath()
                    : clean(context.getErrors().get(0).getMessage());
            case METHOD_NOT_ALLOWED -> "Method " + request.getMethodName() + " is not allowed on " + request.getPath();
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than this server accepts";
            case UNAUTHORIZED -> "A valid credential is required: Authorization: Bearer <access token or API key>, "
                    + "or x-api-key: <API key>";
            case FORBIDDEN -> "This needs rights the caller does not have";
            case BAD_REQUEST -> badRequest(context);
            default -> status.getCode() >= 500 || context.getErrors().isEmpty()
                    ? (status.getCode() >= 500 ? "The server could not complete the request" : status.getReason())
                    : clean(context.getErrors().get(0).getMessage());
        };
    }

    private static String badRequest(ErrorContext context) {
        HttpRequest<?> request = context.getRequest();
        String contentType = request.getContentType().map(Object::toString).orElse("");
        if (request.getContentLength() != 0 && !contentType.startsWith("application/json")) {
            return "The body must be JSON (Content-Type: application/json), not "
                    + (contentType.isEmpty() ? "an untyped body" : contentType);
        }
        for (Throwable cause = context.getRootCause().orElse(null); cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getName();
            if (name.contains("JsonParse") || name.contains("JsonEOF") || name.contains("JsonSyntax")) {
                return "Malformed JSON: " + clean(cause.getMessage());
            }
        }
        return context.getErrors().isEmpty() ? "Bad Request" : clean(context.getErrors().get(0).getMessage());
    }

    /** A wrongly typed field: its JSON path from the chain of property errors, and the innermost reason. */
    private static List<ApiProblem.Violation> fieldViolations(ErrorContext context) {
        List<String> path = new ArrayList<>();
        String reason = null;
        for (Throwable cause = context.getRootCause().orElse(null); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidPropertyFormatException property) {
                path.add(property.getArgument().getName());
            } else if (cause instanceof SerdeException serde && path.isEmpty() && !serde.getPathAsString().isEmpty()) {
                path.add(jsonPath(serde.getPathAsString()));
            }
            if (cause instanceof InvalidFormatException format) {
                reason = format.getMessage();
            } else if (cause instanceof SerdeException serde && reason == null) {
                reason = serde.getMessage();
            }
        }
        if (path.isEmpty()) {
            return List.of();
        }
        String message = reason == null ? "wrong type" : clean(reason.replaceAll("`[\\w.$]+\\.(\\w+)`", "$1"));
        return List.of(new ApiProblem.Violation(String.join(".", path), message));
    }

    private static final java.util.regex.Pattern PATH_STEP = java.util.regex.Pattern.compile("\\[\"([^\"]+)\"\\]|\\[(\\d+)\\]");

    /** {@code Type["testCases"]->java.util.ArrayList[0]} becomes {@code testCases[0]}. */
    private static String jsonPath(String serdePath) {
        StringBuilder path = new StringBuilder();
        java.util.regex.Matcher step = PATH_STEP.matcher(serdePath);
        while (step.find()) {
            if (step.group(1) != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.group(1));
            } else {
                path.append('[').append(step.group(2)).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    /** Keeps the first line of a parser message and drops the parser's echo of the input source. */
    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "The request could not be processed";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        int source = line.indexOf(" at [Source");
        if (source > 0) {
            line = line.substring(0, source);
        }
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
    }
}
