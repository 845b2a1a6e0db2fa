package dev.sandpod.api.identity;

import dev.sandpod.api.errors.ApiProblem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Wrong password, unknown account, or a dead refresh token: 401, saying no more than that. */
class InvalidCredentialsException extends RuntimeException {

    InvalidCredentialsException(String message) {
        super(message);
    }

    @Singleton
    @Produces
    static final class Handler implements ExceptionHandler<InvalidCredentialsException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, InvalidCredentialsException e) {
            return ApiProblem.of(HttpStatus.UNAUTHORIZED, e.getMessage()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
    }

    @Singleton
    @Produces
    static final class NotAUser implements ExceptionHandler<Caller.NotAUserException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, Caller.NotAUserException e) {
            return ApiProblem.of(HttpStatus.UNAUTHORIZED, e.getMessage()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
    }
}
