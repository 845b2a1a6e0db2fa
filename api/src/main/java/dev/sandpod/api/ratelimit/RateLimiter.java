package dev.sandpod.api.ratelimit;

import dev.sandpod.api.identity.SecurityEvents;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Token buckets (Bucket4j) per policy and key, in this process's memory: each server limits what it
 * serves. A bucket refills all at once at the end of its period, so "5 per 15 minutes" means exactly that.
 */
@Singleton
public class RateLimiter {

    static final String OUTCOME = "sandpod.rate-limit";

    private final Map<String, RateLimitPolicy> policies;
    private final Map<String, RateLimitPolicy> byRoute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final SecurityEvents events;

    RateLimiter(List<RateLimitPolicy> policies, SecurityEvents events) {
        this.policies = policies.stream().collect(Collectors.toMap(RateLimitPolicy::name, Function.identity()));
        this.byRoute = policies.stream()
                .flatMap(policy -> Optional.ofNullable(policy.routes()).orElse(List.of()).stream()
                        .map(route -> Map.entry(normalise(route), policy)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        this.events = events;
    }

    /** What one consumption found: the headers to send, and whether the request may go on. */
    public record Outcome(String policy, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds,
                          boolean allowed) {
    }

    /** The policy governing a request by its route, else {@code default}. */
    Optional<RateLimitPolicy> policyFor(HttpRequest<?> request) {
        RateLimitPolicy routed = byRoute.get(request.getMethodName() + " " + request.getPath());
        return Optional.ofNullable(routed != null ? routed : policies.get(RateLimitPolicy.DEFAULT))
                .filter(RateLimitPolicy::enabled);
    }

    /**
     * Takes one request from the named policy's bucket for {@code key}, remembers the outcome on the
     * request for its headers, and throws when the bucket is empty. A policy that is absent or off allows all.
     */
    public void check(HttpRequest<?> request, String policyName, String key) {
        RateLimitPolicy policy = policies.get(policyName);
        if (policy != null && policy.enabled()) {
            check(request, policy, key);
        }
    }

    void check(HttpRequest<?> request, RateLimitPolicy policy, String key) {
        Bucket bucket = buckets.computeIfAbsent(policy.name() + '|' + key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(policy.limit())
                        .refillIntervally(policy.limit(), policy.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long now = Instant.now().getEpochSecond();
        Outcome outcome = new Outcome(policy.name(), policy.limit(), probe.getRemainingTokens(),
                now + seconds(probe.getNanosToWaitForReset()), Math.max(1, seconds(probe.getNanosToWaitForRefill())),
                probe.isConsumed());
        Outcome earlier = request.getAttribute(OUTCOME, Outcome.class).orElse(null);
        // the headers speak for the most specific policy checked (the route's, after the default), unless one refused
        if (earlier == null || earlier.allowed()) {
            request.setAttribute(OUTCOME, outcome);
        }
        if (!probe.isConsumed()) {
            events.rateLimited(policy.name(), key);
            throw new RateLimitedException(outcome, policy);
        }
    }

    /** The client address as a key; an IPv6 client is keyed by its /64, which one host usually holds whole. */
    public static String client(HttpRequest<?> request) {
        InetAddress address = request.getRemoteAddress().getAddress();
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 8);
            return "ip6:" + java.util.HexFormat.of().formatHex(prefix) + "::/64";
        }
        return "ip:" + address.getHostAddress();
    }

    /** Forgets full buckets: an idle client costs no memory, and a full bucket holds no state worth keeping. */
    @Scheduled(fixedDelay = "1m")
    void sweep() {
        buckets.entrySet().removeIf(entry -> {
            RateLimitPolicy policy = policies.get(entry.getKey().substring(0, entry.getKey().indexOf('|')));
            return policy == null || entry.getValue().getAvailableTokens() >= policy.limit();
        });
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    private static String normalise(String route) {
        String[] parts = route.strip().split("\\s+", 2);
        return parts.length == 2 ? parts[0].toUpperCase(java.util.Locale.ROOT) + " " + parts[1] : "GET " + parts[0];
    }
}
