package dev.sandpod.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An application/problem+json body raised by the application (as opposed to the framework). */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiProblem(String type, String title, int status, String detail, @Nullable List<Violation> violations) {

    public static final String CONTENT_TYPE = "application/problem+json";

    /** One rejected field: its JSON path (e.g. {@code limits.memoryMb}, {@code files[1].name}) and why. */
    @Serdeable
    public record Violation(String field, String message) {
    }

    public static MutableHttpResponse<ApiProblem> of(HttpStatus status, String detail) {
        return HttpResponse.<ApiProblem>status(status).contentType(CONTENT_TYPE)
                .body(new ApiProblem("about:blank", status.getReason(), status.getCode(), detail, null));
    }

    public static MutableHttpResponse<ApiProblem> invalid(String field, String message) {
        return HttpResponse.<ApiProblem>status(HttpStatus.BAD_REQUEST).contentType(CONTENT_TYPE)
                .body(new ApiProblem("about:blank", "Bad Request", 400, message, List.of(new Violation(field, message))));
    }
}
