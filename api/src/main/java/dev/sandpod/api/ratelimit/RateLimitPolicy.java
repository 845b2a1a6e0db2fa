package dev.sandpod.api.ratelimit;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * One rate-limit policy ({@code sandpod.rate-limits.<name>.*}): at most {@code limit} requests per
 * {@code period} for each identity. {@code routes} ({@code "POST /api/v1/runs"}) pick the requests it
 * governs; the policy named {@code default} governs every other API request. A limit of 0 turns it off.
 */
@EachProperty("sandpod.rate-limits")
public record RateLimitPolicy(
        @Parameter String name,
        @Bindable(defaultValue = "100") long limit,
        @Bindable(defaultValue = "1m") Duration period,
        @Nullable List<String> routes) {

    public static final String DEFAULT = "default";

    public boolean enabled() {
        return limit > 0 && !period.isZero() && !period.isNegative();
    }
}
