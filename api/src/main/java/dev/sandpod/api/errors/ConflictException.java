package dev.sandpod.api.errors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** A state that forbids the request, or a value already taken (naming its field): 409. */
public class ConflictException extends RuntimeException {

    private final @Nullable String field;

    public ConflictException(@Nullable String field, String message) {
        super(message);
        this.field = field;
    }

    @Singleton
    @Produces
    static final class Handler implements ExceptionHandler<ConflictException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, ConflictException e) {
            return HttpResponse.<ApiProblem>status(HttpStatus.CONFLICT).contentType(ApiProblem.CONTENT_TYPE)
                    .body(new ApiProblem("about:blank", "Conflict", 409, e.getMessage(),
                            e.field == null ? null : List.of(new ApiProblem.Violation(e.field, e.getMessage()))));
        }
    }
}
