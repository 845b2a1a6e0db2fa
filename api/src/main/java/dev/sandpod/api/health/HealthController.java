package dev.sandpod.api.health;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Seed 004's health endpoints. Kubernetes probes use /health/liveness and /health/readiness. */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/api/health")
@Tag(name = "Health")
class HealthController {

    private final ServerInfo server;
    private final SystemMetrics metrics;

    HealthController(ServerInfo server, SystemMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
    }

    @Get("/")
    @Operation(summary = "Basic health check")
    HealthResponse health() {
        return body(null, "Sandpod server is running");
    }

    @Get("/detailed")
    @Operation(summary = "Health with memory and CPU figures of the host")
    HealthResponse detailed() {
        var system = new HealthResponse.SystemInfo(metrics.memory(), metrics.cpu(), SystemMetrics.platform());
        return body(system, "Detailed Sandpod server health information");
    }

    private HealthResponse body(HealthResponse.SystemInfo system, String message) {
        double uptime = server.uptime().toMillis() / 1000.0;
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new HealthResponse("healthy", now, uptime, server.environment(), server.version(), system, message);
    }
}
