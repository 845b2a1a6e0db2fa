package dev.sandpod.api.identity;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The quick start's bare {@code curl}: a request with no credential at all acts as the shared
 * {@code anonymous} user, but only when no API key is configured and the server listens on loopback
 * only (so only this machine can reach it). A request that carries a credential never falls back here,
 * so a bad token is a 401, not an anonymous request.
 */
@Singleton
class LoopbackAnonymousFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackAnonymousFetcher.class);
    private static final Authentication ANONYMOUS = Authentication.build(Caller.ANONYMOUS, List.of(Caller.ROLE_USER));

    private final boolean enabled;

    LoopbackAnonymousFetcher(IdentityConfiguration configuration, @Value("${micronaut.server.host:}") String host) {
        this.enabled = configuration.anonymousLoopback() && !configuration.hasApiKey() && loopback(host);
        if (enabled) {
            LOG.info("Anonymous use is on: no API key is configured and the server listens on loopback ({}) only", host);
        } else {
            LOG.info("Every API request needs a credential (a bearer token or an API key)");
        }
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!enabled || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getHeaders().contains(ApiKeyTokenReader.HEADER)
                || !request.getRemoteAddress().getAddress().isLoopbackAddress()) {
            return Mono.empty();
        }
        return Mono.just(ANONYMOUS);
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    private static boolean loopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
