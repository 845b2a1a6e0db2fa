package dev.sandpod.api.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Users, tokens and keys ({@code sandpod.identity.*}).
 *
 * @param apiKey             the bootstrap admin key ({@code SANDPOD_API_KEY}); when set, anonymous use is off
 * @param jwtSecret          the HS256 signing secret, at least 32 characters ({@code SANDPOD_JWT_SECRET});
 *                           unset: one is generated once and kept in the data directory
 * @param accessTokenTtl     how long an access token is valid
 * @param refreshTokenTtl    how long a refresh token (and its session) is valid
 * @param anonymousLoopback  allow requests without a credential when no API key is configured and the
 *                           server listens on loopback only
 * @param revocationPoll     how often this server learns of sessions revoked by other servers
 */
@ConfigurationProperties("sandpod.identity")
public record IdentityConfiguration(
        @Nullable String apiKey,
        @Nullable String jwtSecret,
        @Bindable(defaultValue = "1h") Duration accessTokenTtl,
        @Bindable(defaultValue = "7d") Duration refreshTokenTtl,
        @Bindable(defaultValue = "true") boolean anonymousLoopback,
        @Bindable(defaultValue = "2s") Duration revocationPoll) {

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }
}
