package dev.sandpod.api.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.security.Principal;

/**
 * Applies the route's policy (or {@code default}) to every API request, keyed by the authenticated
 * identity or, for requests without one, by client address; then puts the X-RateLimit headers on the
 * answer. Runs after the security filter, so the identity is known.
 */
@ServerFilter("/api/**")
class RateLimitFilter implements Ordered {

    private final RateLimiter limiter;

    RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** Null lets the request through; a limited request is answered here, headers included. */
    @RequestFilter
    @Nullable
    MutableHttpResponse<?> limit(HttpRequest<?> request) {
        if (request.getPath().startsWith("/api/health")) {
            return null;
        }
        try {
            limiter.policyFor(request).ifPresent(policy -> limiter.check(request, policy, identity(request)));
            return null;
        } catch (RateLimitedException e) {
            MutableHttpResponse<?> response = e.response();
            headers(request, response);
            return response;
        }
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(RateLimiter.OUTCOME, RateLimiter.Outcome.class).ifPresent(outcome -> {
            response.header("X-RateLimit-Limit", String.valueOf(outcome.limit()));
            response.header("X-RateLimit-Remaining", String.valueOf(outcome.remaining()));
            response.header("X-RateLimit-Reset", String.valueOf(outcome.resetEpochSeconds()));
        });
    }

    private static String identity(HttpRequest<?> request) {
        return request.getUserPrincipal().map(Principal::getName)
                .filter(name -> !name.equals(dev.sandpod.api.identity.Caller.ANONYMOUS))
                .map(name -> "user:" + name)
                .orElseGet(() -> RateLimiter.client(request));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
