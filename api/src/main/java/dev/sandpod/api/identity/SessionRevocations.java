package dev.sandpod.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses access tokens of revoked sessions without a database read per request: revocations made here
 * count at once, those made by other servers once the next poll sees them. A revocation is forgotten
 * when every access token it could affect has expired.
 */
@Singleton
class SessionRevocations implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private final JdbcOperations jdbc;
    private final IdentityConfiguration configuration;
    private final Map<UUID, Instant> revoked = new ConcurrentHashMap<>();
    private volatile Instant seenUntil = Instant.EPOCH;

    SessionRevocations(JdbcOperations jdbc, IdentityConfiguration configuration) {
        this.jdbc = jdbc;
        this.configuration = configuration;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        Object session = claims.get(TokenService.SESSION_CLAIM);
        if (session == null) {
            return false;
        }
        try {
            return !revoked.containsKey(UUID.fromString(session.toString()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    void revoked(UUID session) {
        revoked.put(session, Instant.now());
    }

    @Scheduled(fixedDelay = "${sandpod.identity.revocation-poll:2s}")
    @ReadOnly
    public void poll() {
        Instant now = Instant.now();
        Instant horizon = now.minus(configuration.accessTokenTtl());
        // overlap the previous poll a little: commits are not seen in timestamp order
        Instant since = seenUntil.isAfter(horizon) ? seenUntil.minusSeconds(5) : horizon;
        jdbc.prepareStatement("SELECT id, revoked_at FROM sessions WHERE revoked_at > ?", s -> {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    revoked.putIfAbsent(rows.getObject(1, UUID.class), rows.getTimestamp(2).toInstant());
                }
            }
            return null;
        });
        seenUntil = now;
        revoked.values().removeIf(at -> at.isBefore(horizon));
    }
}
