package dev.sandpod.api.errors;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** A request field the application refuses: 400 with a violation per field. */
public class InvalidRequestException extends RuntimeException {

    private final List<ApiProblem.Violation> violations;

    public InvalidRequestException(String field, String message) {
        this(List.of(new ApiProblem.Violation(field, message)));
    }

    public InvalidRequestException(List<ApiProblem.Violation> violations) {
        super(violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public List<ApiProblem.Violation> violations() {
        return violations;
    }

    @Singleton
    @Produces
    static final class Handler implements ExceptionHandler<InvalidRequestException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, InvalidRequestException e) {
            ApiProblem.Violation first = e.violations.get(0);
            return HttpResponse.<ApiProblem>badRequest().contentType(ApiProblem.CONTENT_TYPE)
                    .body(new ApiProblem("about:blank", "Bad Request", 400,
                            "Invalid value for field '" + first.field() + "': " + first.message(), e.violations));
        }
    }
}
