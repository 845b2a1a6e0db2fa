package dev.sandpod.api.identity;

import dev.sandpod.api.errors.InvalidRequestException;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Named API keys of users, and the bootstrap admin key from configuration. */
@Singleton
class ApiKeyService {

    static final String PREFIX = "sp_";
    static final int MAX_KEYS = 50;
    private static final int SHOWN_PREFIX = 10;

    private final ApiKeyRepository keys;
    private final BootstrapAdmin admin;
    private final UserRepository users;
    private final IdentityConfiguration configuration;
    private final SecurityEvents events;

    ApiKeyService(ApiKeyRepository keys, UserRepository users, BootstrapAdmin admin, IdentityConfiguration configuration,
                  SecurityEvents events) {
        this.keys = keys;
        this.admin = admin;
        this.users = users;
        this.configuration = configuration;
        this.events = events;
    }

    record Created(ApiKeyEntity key, String secret) {
    }

    Created create(long userId, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new InvalidRequestException("name", "name must be 1 to 100 characters");
        }
        if (keys.countByUserIdAndRevokedAtIsNull(userId) >= MAX_KEYS) {
            throw new InvalidRequestException("name", "at most " + MAX_KEYS + " keys per user: revoke one first");
        }
        String secret = SecretTokens.generate(PREFIX);
        ApiKeyEntity key = keys.save(new ApiKeyEntity(UUID.randomUUID(), userId, trimmed,
                secret.substring(0, SHOWN_PREFIX), SecretTokens.digest(secret),
                Instant.now().truncatedTo(ChronoUnit.MICROS), null, null));
        events.apiKeyCreated(userId, key.id());
        return new Created(key, secret);
    }

    List<ApiKeyEntity> list(long userId) {
        return keys.findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(userId);
    }

    /** Revokes a key of the caller (any key for an admin); false when there is no such live key. */
    boolean revoke(Caller caller, UUID id) {
        Optional<ApiKeyEntity> key = keys.findById(id)
                .filter(k -> k.revokedAt() == null && (caller.admin() || k.userId() == caller.userId()));
        if (key.isEmpty() || keys.revoke(id) == 0) {
            return false;
        }
        events.apiKeyRevoked(key.get().userId(), id);
        return true;
    }

    /** Whether {@code key} is the configured bootstrap key (compared in constant time). */
    boolean isBootstrapKey(String key) {
        return configuration.hasApiKey() && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                configuration.apiKey().getBytes(StandardCharsets.UTF_8));
    }

    /** The caller a key stands for, if it is a live key. Blocking: reads the database. */
    Optional<Authentication> authenticate(String key) {
        if (isBootstrapKey(key)) {
            return Optional.of(Authentication.build(String.valueOf(admin.id()),
                    List.of(Caller.ROLE_USER, Caller.ROLE_ADMIN)));
        }
        if (!key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return keys.findByKeyHashAndRevokedAtIsNull(SecretTokens.digest(key)).flatMap(found -> {
            keys.touch(found.id());
            return users.findById(found.userId()).map(UserService::authentication);
        });
    }
}
