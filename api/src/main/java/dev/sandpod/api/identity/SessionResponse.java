package dev.sandpod.api.identity;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to register and login: who you are, and the tokens to use. */
@Serdeable
@Schema(name = "Session")
record SessionResponse(UserResponse user, TokenService.Tokens tokens) {
}
