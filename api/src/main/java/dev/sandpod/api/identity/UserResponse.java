package dev.sandpod.api.identity;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** A user as the API shows it: never the password or its hash. */
@Serdeable
@Schema(name = "User")
public record UserResponse(long id, String username, String email, boolean premium, boolean admin,
                           Instant createdAt, Instant updatedAt) {

    static UserResponse of(UserEntity user) {
        return new UserResponse(user.id(), user.username(), user.email(), user.premium(), user.admin(),
                user.createdAt(), user.updatedAt());
    }
}
