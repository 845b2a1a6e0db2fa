package dev.sandpod.api.webhooks;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends due webhooks: POST of the finished run's JSON, signed, with a timeout; a non-2xx answer or an
 * error is retried with exponential backoff until the attempts run out. Redirects are not followed.
 */
@Singleton
public class WebhookDeliverer {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final int MAX_ERROR = 300;

    private final WebhookQueue queue;
    private final WebhookDeliveryRepository repository;
    private final WebhookConfiguration configuration;
    private final WebhookSigner signer;
    private final WebhookUrls urls;
    private final WebhookBodies bodies;
    private final HttpClient client;

    WebhookDeliverer(WebhookQueue queue, WebhookDeliveryRepository repository, WebhookConfiguration configuration,
                     WebhookSigner signer, WebhookUrls urls, WebhookBodies bodies) {
        this.queue = queue;
        this.repository = repository;
        this.configuration = configuration;
        this.signer = signer;
        this.urls = urls;
        this.bodies = bodies;
        this.client = HttpClient.newBuilder().connectTimeout(configuration.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(fixedDelay = "${sandpod.webhooks.poll:500ms}")
    void deliverDue() {
        for (WebhookDeliveryEntity delivery : queue.claimDue(configuration.timeout().multipliedBy(3))) {
            attempt(delivery);
        }
    }

    private void attempt(WebhookDeliveryEntity delivery) {
        int attempts = delivery.attempts() + 1;
        Integer status = null;
        String error;
        try {
            String body = bodies.body(delivery.runId()).orElse(null);
            if (body == null) {
                repository.recordAttempt(delivery.id(), "FAILED", attempts, Instant.now(), null, "the run is gone", null);
                return;
            }
            URI target = urls.check(delivery.url());
            long timestamp = Instant.now().getEpochSecond();
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(target)
                    .timeout(configuration.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Sandpod-Webhook")
                    .header("X-Sandpod-Event", "run.finished")
                    .header("X-Sandpod-Delivery", delivery.id().toString())
                    .header(WebhookSigner.HEADER, signer.sign(timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                repository.recordAttempt(delivery.id(), "DELIVERED", attempts, Instant.now(), status, null, Instant.now());
                return;
            }
            error = "the receiver answered " + status;
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean last = attempts >= configuration.maxAttempts();
        Duration wait = backoff(attempts);
        LOG.info("Webhook {} attempt {} failed ({}){}", delivery.id(), attempts, error, last ? ": giving up" : "");
        repository.recordAttempt(delivery.id(), last ? "FAILED" : "PENDING", attempts, Instant.now().plus(wait), status,
                error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error, null);
    }

    /** backoff × 2^(attempts − 1), capped. */
    Duration backoff(int attempts) {
        Duration wait = configuration.backoff().multipliedBy(1L << Math.min(20, attempts - 1));
        return wait.compareTo(configuration.maxBackoff()) > 0 ? configuration.maxBackoff() : wait;
    }
}
