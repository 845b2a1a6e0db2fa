package dev.sandpod.api.errors;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** No such resource for this caller (another owner's resource looks exactly the same): 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

    @Singleton
    @Produces
    static final class Handler implements ExceptionHandler<NotFoundException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, NotFoundException e) {
            return ApiProblem.of(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
