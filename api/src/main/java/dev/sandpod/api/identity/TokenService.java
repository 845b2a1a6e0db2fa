package dev.sandpod.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions and their tokens. A login starts a session; its access tokens are JWTs carrying the session
 * id ({@code sid}); its refresh tokens are opaque, single-use, and rotate: each use returns the next one.
 * Presenting a spent refresh token means it was stolen or replayed, so the whole session is revoked.
 */
@Singleton
class TokenService {

    static final String SESSION_CLAIM = "sid";
    static final String ISSUER = "sandpod";

    private static final String ROTATE = "UPDATE refresh_tokens r SET used_at = now() FROM sessions s "
            + "WHERE r.token_hash = ? AND s.id = r.session_id AND r.used_at IS NULL AND r.expires_at > now() "
            + "AND s.revoked_at IS NULL AND s.expires_at > now() RETURNING s.id, s.user_id";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final JwtTokenGenerator jwt;
    private final IdentityConfiguration configuration;
    private final SessionRevocations revocations;
    private final SecurityEvents events;
    private final UserRepository users;

    TokenService(UserRepository users, JdbcOperations jdbc, TransactionOperations<Connection> transactions, JwtTokenGenerator jwt,
                 IdentityConfiguration configuration, SessionRevocations revocations, SecurityEvents events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jwt = jwt;
        this.configuration = configuration;
        this.revocations = revocations;
        this.events = events;
        this.users = users;
    }

    /** The tokens a login or refresh hands out. */
    @Serdeable
    record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn) {
    }

    public Tokens startSession(UserEntity user) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID session = UUID.randomUUID();
        return transactions.executeWrite(status -> {
            jdbc.prepareStatement("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)", s -> {
                s.setObject(1, session);
                s.setLong(2, user.id());
                s.setTimestamp(3, Timestamp.from(now));
                s.setTimestamp(4, Timestamp.from(now.plus(configuration.refreshTokenTtl())));
                return s.executeUpdate();
            });
            return issue(session, user, now);
        });
    }

    /** The next tokens of the session, or empty when the refresh token is unknown, spent, expired or revoked. */
    public Optional<Tokens> refresh(String refreshToken) {
        byte[] hash = SecretTokens.digest(refreshToken);
        Optional<Tokens> rotated = transactions.executeWrite(status -> {
            Optional<Rotation> rotation = jdbc.prepareStatement(ROTATE, s -> {
                s.setBytes(1, hash);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(new Rotation(rows.getObject(1, UUID.class), rows.getLong(2)))
                            : Optional.<Rotation>empty();
                }
            });
            return rotation.flatMap(r -> users.findById(r.userId())
                    .map(user -> issue(r.session(), user, Instant.now().truncatedTo(ChronoUnit.MICROS))));
        });
        if (rotated.isEmpty()) {
            transactions.executeWrite(status -> spentTokenSession(hash).map(session -> {
                revoke(session, "refresh token reused");
                events.refreshTokenReused(session);
                return session;
            }));
        }
        return rotated;
    }

    private record Rotation(UUID session, long userId) {
    }

    /** The live session a spent refresh token belonged to, if this token was already used. */
    private Optional<UUID> spentTokenSession(byte[] hash) {
        return jdbc.prepareStatement("SELECT r.session_id FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id "
                + "WHERE r.token_hash = ? AND r.used_at IS NOT NULL AND s.revoked_at IS NULL", s -> {
            s.setBytes(1, hash);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
            }
        });
    }

    /** The session a refresh token belongs to, whatever its state. */
    @ReadOnly
    public Optional<UUID> sessionOf(String refreshToken) {
        return jdbc.prepareStatement("SELECT session_id FROM refresh_tokens WHERE token_hash = ?", s -> {
            s.setBytes(1, SecretTokens.digest(refreshToken));
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.empty();
            }
        });
    }

    /** Ends a session: its refresh tokens stop working at once, its access tokens within the revocation poll. */
    @Transactional
    public boolean revoke(UUID session, String reason) {
        int changed = jdbc.prepareStatement("UPDATE sessions SET revoked_at = now(), revoked_reason = ? "
                + "WHERE id = ? AND revoked_at IS NULL", s -> {
            s.setString(1, reason);
            s.setObject(2, session);
            return s.executeUpdate();
        });
        revocations.revoked(session);
        return changed > 0;
    }

    /** Ends every live session of the user but {@code keep} (after a password change). */
    @Transactional
    public void revokeOthers(long userId, @Nullable UUID keep) {
        List<UUID> sessions = jdbc.prepareStatement("UPDATE sessions SET revoked_at = now(), revoked_reason = 'password changed' "
                + "WHERE user_id = ? AND revoked_at IS NULL AND id IS DISTINCT FROM ? RETURNING id", s -> {
            s.setLong(1, userId);
            s.setObject(2, keep, java.sql.Types.OTHER);
            List<UUID> ids = new java.util.ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        });
        sessions.forEach(revocations::revoked);
    }

    /** Whether the session belongs to the user (a user may only end their own sessions). */
    @ReadOnly
    public boolean ownedBy(UUID session, long userId) {
        return jdbc.prepareStatement("SELECT 1 FROM sessions WHERE id = ? AND user_id = ?", s -> {
            s.setObject(1, session);
            s.setLong(2, userId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        });
    }

    private Tokens issue(UUID session, UserEntity user, Instant now) {
        String refresh = SecretTokens.generate("spr_");
        jdbc.prepareStatement("INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) "
                + "VALUES (?, ?, ?, (SELECT expires_at FROM sessions WHERE id = ?))", s -> {
            s.setBytes(1, SecretTokens.digest(refresh));
            s.setObject(2, session);
            s.setTimestamp(3, Timestamp.from(now));
            s.setObject(4, session);
            return s.executeUpdate();
        });
        long ttl = configuration.accessTokenTtl().toSeconds();
        String access = jwt.generateToken(Map.of(
                "sub", String.valueOf(user.id()),
                "iss", ISSUER,
                "iat", now.getEpochSecond(),
                "exp", now.getEpochSecond() + ttl,
                "roles", user.admin() ? List.of(Caller.ROLE_USER, Caller.ROLE_ADMIN) : List.of(Caller.ROLE_USER),
                SESSION_CLAIM, session.toString()))
                .orElseThrow(() -> new IllegalStateException("no JWT signature configured"));
        return new Tokens(access, refresh, "Bearer", ttl, configuration.refreshTokenTtl().toSeconds());
    }
}
