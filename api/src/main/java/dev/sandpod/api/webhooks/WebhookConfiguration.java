package dev.sandpod.api.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Webhook delivery ({@code sandpod.webhooks.*}, env {@code SANDPOD_WEBHOOKS_*}).
 *
 * @param secret                 HMAC-SHA256 key; unset: generated once and kept in the data directory
 * @param timeout                per attempt (connect and response)
 * @param maxAttempts            attempts before a delivery is FAILED
 * @param backoff                wait after the first failed attempt; doubles each time
 * @param maxBackoff             longest wait between attempts
 * @param allowPrivateAddresses  deliver to loopback, private and link-local addresses (off: SSRF guard)
 */
@ConfigurationProperties("sandpod.webhooks")
public record WebhookConfiguration(
        @Nullable String secret,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Bindable(defaultValue = "6") int maxAttempts,
        @Bindable(defaultValue = "5s") Duration backoff,
        @Bindable(defaultValue = "10m") Duration maxBackoff,
        @Bindable(defaultValue = "false") boolean allowPrivateAddresses) {
}
