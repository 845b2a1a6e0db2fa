package dev.sandpod.api.ratelimit;

import dev.sandpod.api.errors.ApiProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A request past its policy's limit: 429 with {@code Retry-After}; the filter adds the X-RateLimit headers. */
public class RateLimitedException extends RuntimeException {

    private final transient RateLimiter.Outcome outcome;

    RateLimitedException(RateLimiter.Outcome outcome, RateLimitPolicy policy) {
        super("rate limit exceeded: at most " + policy.limit() + " requests per " + human(policy.period())
                + " (" + policy.name() + "); retry after " + outcome.retryAfterSeconds() + " s");
        this.outcome = outcome;
    }

    private static String human(java.time.Duration period) {
        return period.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    MutableHttpResponse<ApiProblem> response() {
        return ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, getMessage())
                .header("Retry-After", String.valueOf(outcome.retryAfterSeconds()));
    }

    @Singleton
    @Produces
    static final class Handler implements ExceptionHandler<RateLimitedException, HttpResponse<ApiProblem>> {
        @Override
        public HttpResponse<ApiProblem> handle(HttpRequest request, RateLimitedException e) {
            return e.response();
        }
    }
}
