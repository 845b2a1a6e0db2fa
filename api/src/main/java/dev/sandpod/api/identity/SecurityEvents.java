package dev.sandpod.api.identity;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Security events, on their own logger ({@code sandpod.security}) so they can be routed apart.
 * They name accounts, sessions and keys by id; never a password, token or key.
 */
@Singleton
public class SecurityEvents {

    private static final Logger LOG = LoggerFactory.getLogger("sandpod.security");

    void loginFailed(String login, String client) {
        LOG.warn("login failed: account={} client={}", printable(login), client);
    }

    void refreshTokenReused(UUID session) {
        LOG.warn("refresh token reused: session {} revoked with all its tokens", session);
    }

    void loggedOut(long userId, UUID session) {
        LOG.info("logout: user={} session={}", userId, session);
    }

    void apiKeyCreated(long userId, UUID key) {
        LOG.info("API key created: user={} key={}", userId, key);
    }

    void apiKeyRevoked(long userId, UUID key) {
        LOG.info("API key revoked: user={} key={}", userId, key);
    }

    public void rateLimited(String policy, String client) {
        LOG.warn("rate limited: policy={} client={}", policy, client);
    }

    /** Log lines carry what an attacker typed: keep it short and on one line. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("[^\\p{Graph}]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
