package dev.sandpod.api.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.problem.HttpStatusType;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import io.micronaut.problem.conf.ProblemConfiguration;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import org.zalando.problem.Problem;
import org.zalando.problem.ThrowableProblem;

/**
 * Gives every framework error (unknown route, wrong method, unreadable body, oversized body) a
 * problem+json body with a title and a detail that names the problem. Server errors never carry the
 * exception's own message: it may hold internals.
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
class ProblemResponseProcessor extends ProblemErrorResponseProcessor {

    private static final int MAX_DETAIL = 300;

    ProblemResponseProcessor(ProblemConfiguration configuration) {
        super(configuration);
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
            // Every body this API reads is JSON: a body of another type is a bad request, said as such.
            response.status(HttpStatus.BAD_REQUEST);
        }
        return super.processResponse(context, response);
    }

    @Override
    protected ThrowableProblem defaultProblem(ErrorContext context, HttpStatus status) {
        return Problem.builder()
                .withStatus(new HttpStatusType(status))
                .withTitle(status.getReason())
                .withDetail(detail(context, status))
                .build();
    }

    private static String detail(ErrorContext context, HttpStatus status) {
        HttpRequest<?> request = context.getRequest();
        return switch (status) {
            case NOT_FOUND -> context.getErrors().isEmpty() || isDefaultNotFound(context)
                    ? "No resource at " + request.getPath()
                    : clean(context.getErrors().get(0).getMessage());
            case METHOD_NOT_ALLOWED -> "Method " + request.getMethodName() + " is not allowed on " + request.getPath();
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than this server accepts";
            case BAD_REQUEST -> badRequest(context);
            default -> status.getCode() >= 500 || context.getErrors().isEmpty()
                    ? defaultDetail(status)
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
            if (cause instanceof InvalidPropertyFormatException invalid) {
                return "Invalid value for field '" + invalid.getArgument().getName() + "': " + clean(invalid.getMessage());
            }
            if (cause instanceof SerdeException serde && !serde.getPathAsString().isEmpty()) {
                return "Invalid value at '" + serde.getPathAsString() + "': " + clean(serde.getMessage());
            }
        }
        return context.getErrors().isEmpty() ? "Bad Request" : clean(context.getErrors().get(0).getMessage());
    }

    private static boolean isDefaultNotFound(ErrorContext context) {
        Error error = context.getErrors().get(0);
        return "Page Not Found".equals(error.getMessage());
    }

    private static String defaultDetail(HttpStatus status) {
        return status.getCode() >= 500 ? "The server could not complete the request" : status.getReason();
    }

    /** Keeps the first line of a parser message and drops the parser's echo of the input source. */
    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "The request could not be processed";
        }
        String line = message.lines().findFirst().orElse(message);
        int source = line.indexOf(" at [Source");
        if (source > 0) {
            line = line.substring(0, source);
        }
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
    }
}
