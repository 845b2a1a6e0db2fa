package dev.sandpod.api.webhooks;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Claims due deliveries in one transaction and leases them, so no two servers send the same attempt. */
@Singleton
class WebhookQueue {

    private final WebhookDeliveryRepository repository;

    WebhookQueue(WebhookDeliveryRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public List<WebhookDeliveryEntity> claimDue(Duration lease) {
        List<WebhookDeliveryEntity> due = repository.lockDue();
        Instant until = Instant.now().plus(lease);
        due.forEach(delivery -> repository.lease(delivery.id(), until));
        return due;
    }
}
