package dev.sandpod.api.webhooks;

import java.util.Optional;
import java.util.UUID;

/** What a run's webhook carries: the run's JSON as the API serves it, or empty when the run is gone. */
public interface WebhookBodies {

    Optional<String> body(UUID runId);
}
