package dev.sandpod.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Bodies of the user and session endpoints. */
final class UserRequests {

    private UserRequests() {
    }

    @Serdeable
    @Schema(name = "Register")
    record Register(
            @Schema(description = "3 to 50 letters, digits, '_' or '-'; case-insensitive, stored lower-case") @Nullable String username,
            @Schema(description = "a valid, unique email address") @Nullable String email,
            @Schema(description = "at least 8 characters, at least one of them a digit") @Nullable String password) {
    }

    @Serdeable
    @Schema(name = "Login")
    record Login(
            @Schema(description = "the username or the email address") @Nullable String username,
            @Schema(description = "the email address (instead of username)") @Nullable String email,
            @Nullable String password) {

        String login() {
            return username != null && !username.isBlank() ? username : email;
        }
    }

    @Serdeable
    @Schema(name = "Refresh")
    record Refresh(@Schema(description = "the refresh token of the last login or refresh") @Nullable String refreshToken) {
    }

    @Serdeable
    @Schema(name = "UpdateUser")
    record Update(@Nullable String username, @Nullable String email,
                  @Schema(description = "a new password; needs currentPassword") @Nullable String password,
                  @Nullable String currentPassword) {
    }

    @Serdeable
    @Schema(name = "UserFlags")
    record Flags(@Nullable Boolean premium, @Nullable Boolean admin) {
    }
}
