package dev.sandpod.api.engine;

import dev.sandpod.runner.Engine;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** Readiness fails when this host cannot sandbox code; the details name the fix. */
@Singleton
@Readiness
class EngineHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final Engine engine;

    EngineHealthIndicator(Engine engine) {
        this.engine = engine;
    }

    @Override
    protected String getName() {
        return "engine";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sandbox", engine.sandboxDescription());
        details.put("languages", engine.languages().all().stream().filter(l -> l.available()).count());
        if (engine.available()) {
            healthStatus = HealthStatus.UP;
        } else {
            healthStatus = HealthStatus.DOWN;
            details.put("error", engine.unavailableReason());
        }
        return details;
    }
}
