package dev.sandpod.api.runs;

import dev.sandpod.api.errors.ApiProblem;
import dev.sandpod.api.errors.ConflictException;
import dev.sandpod.api.errors.NotFoundException;
import dev.sandpod.runner.EngineUnavailableException;
import dev.sandpod.runner.InvalidRunRequestException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The runs API's own failures and how each is answered. */
final class RunExceptions {

    private RunExceptions() {
    }

    /** The queue is at its bound: try again after {@code retryAfterSeconds}. */
    static final class QueueFullException extends RuntimeException {
        final long retryAfterSeconds;

        QueueFullException(long queued, long retryAfterSeconds) {
            super("the run queue is full (" + queued + " runs waiting); retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /** No run with this id for this owner. */
    static final class RunNotFoundException extends NotFoundException {
        RunNotFoundException(Object id) {
            super("no run " + id);
        }
    }

    /** The run is in a state that forbids the action. */
    static final class RunConflictException extends ConflictException {
        RunConflictException(String message) {
            super(null, message);
        }
    }

    /** A request field out of bounds, checked before the engine sees it: 400, or 413 for sizes. */
    static final class RequestTooLargeException extends RuntimeException {
        final String field;

        RequestTooLargeException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    @Singleton
    @Produces
    @Requires(classes = InvalidRunRequestException.class)
    static final class Invalid implements ExceptionHandler<InvalidRunRequestException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, InvalidRunRequestException e) {
            return ApiProblem.invalid(e.field(), e.getMessage());
        }
    }

    @Singleton
    @Produces
    static final class TooLarge implements ExceptionHandler<RequestTooLargeException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, RequestTooLargeException e) {
            var response = ApiProblem.invalid(e.field, e.getMessage());
            return response.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(new ApiProblem("about:blank",
                    "Request Entity Too Large", 413, e.getMessage(), response.body().violations()));
        }
    }

    @Singleton
    @Produces
    static final class Unavailable implements ExceptionHandler<EngineUnavailableException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, EngineUnavailableException e) {
            return ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "this server cannot run code: " + e.getMessage());
        }
    }

    @Singleton
    @Produces
    static final class QueueFull implements ExceptionHandler<QueueFullException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, QueueFullException e) {
            return ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, e.getMessage())
                    .header("Retry-After", Long.toString(e.retryAfterSeconds));
        }
    }
}
