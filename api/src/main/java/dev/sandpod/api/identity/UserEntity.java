package dev.sandpod.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code users}. The password hash never leaves the identity package. */
@MappedEntity("users")
public record UserEntity(
        @Id @GeneratedValue @Nullable Long id,
        String username,
        String email,
        @Nullable String passwordHash,
        boolean premium,
        boolean admin,
        Instant createdAt,
        Instant updatedAt) {

    UserEntity withProfile(String username, String email, @Nullable String passwordHash, Instant now) {
        return new UserEntity(id, username, email, passwordHash, premium, admin, createdAt, now);
    }

    UserEntity withFlags(boolean premium, boolean admin, Instant now) {
        return new UserEntity(id, username, email, passwordHash, premium, admin, createdAt, now);
    }
}
