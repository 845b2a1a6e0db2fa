package dev.sandpod.api.health;

import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthControllerTest implements TestDatabase {

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        var properties = new java.util.HashMap<>(TestDatabase.super.getProperties());
        properties.put("sandpod.environment", "staging");
        return properties;
    }

    @Test
    void basicHealthHasEverySeedField() {
        Map<String, Object> body = get("/api/health/");
        assertEquals("healthy", body.get("status"));
        Instant timestamp = Instant.parse((String) body.get("timestamp"));
        assertTrue(Duration.between(timestamp, Instant.now()).abs().getSeconds() < 5, "timestamp is now");
        assertTrue(((Number) body.get("uptime")).doubleValue() >= 0, "uptime is a non-negative number");
        assertEquals("staging", body.get("environment"));
        assertTrue(((String) body.get("version")).matches("\\d+\\.\\d+\\.\\d+.*"), "version " + body.get("version"));
        assertTrue(body.get("message") instanceof String);
        assertEquals(false, body.containsKey("system"), "basic body carries no system block");
    }

    @Test
    void basicHealthAnswersWithoutTrailingSlashToo() {
        assertEquals("healthy", get("/api/health").get("status"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void detailedHealthHasMemoryCpuAndPlatform() {
        Map<String, Object> body = get("/api/health/detailed");
        assertEquals("healthy", body.get("status"));
        assertEquals("staging", body.get("environment"));
        Map<String, Object> system = (Map<String, Object>) body.get("system");
        Map<String, Object> memory = (Map<String, Object>) system.get("memory");
        double used = ((Number) memory.get("used")).doubleValue();
        double total = ((Number) memory.get("total")).doubleValue();
        double percent = ((Number) memory.get("percent")).doubleValue();
        assertTrue(total > 0 && used > 0 && used <= total, "used " + used + " of " + total);
        assertEquals(100.0 * used / total, percent, 0.2);
        assertEquals("MB", memory.get("unit"));
        Map<String, Object> cpu = (Map<String, Object>) system.get("cpu");
        double usage = ((Number) cpu.get("usage_percent")).doubleValue();
        assertTrue(usage >= 0 && usage <= 100, "cpu usage " + usage);
        assertEquals(Runtime.getRuntime().availableProcessors(), ((Number) cpu.get("count")).intValue());
        assertEquals("posix", system.get("platform"));
    }

    @Test
    void livenessAndReadinessAreUp() {
        assertEquals(HttpStatus.OK, client.toBlocking().exchange("/health/liveness").getStatus());
        HttpResponse<String> readiness = client.toBlocking().exchange("/health/readiness", String.class);
        assertEquals(HttpStatus.OK, readiness.getStatus());
        String body = readiness.body();
        assertTrue(body.contains("\"database\"") && body.contains("PostgreSQL"), body);
        assertTrue(!body.contains("jdbc:"), "readiness never prints the JDBC URL: " + body);
    }

    @Test
    void openApiSpecAndDocPagesAreServed() {
        String spec = client.toBlocking().retrieve("/openapi/sandpod-api.yml");
        assertTrue(spec.contains("/api/health/detailed"), "spec lists the health routes: " + spec);
        String swagger = client.toBlocking().retrieve("/docs");
        assertTrue(swagger.contains("/openapi/sandpod-api.yml"), "Swagger UI links the spec");
        String redoc = client.toBlocking().retrieve("/redoc");
        assertTrue(redoc.contains("/openapi/sandpod-api.yml"), "ReDoc links the spec");
        assertEquals(HttpStatus.OK, client.toBlocking().exchange("/swagger-ui/res/swagger-ui-bundle.js").getStatus());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) {
        try {
            return client.toBlocking().retrieve(path, Map.class);
        } catch (HttpClientResponseException e) {
            throw new AssertionError(path + " answered " + e.getStatus(), e);
        }
    }
}
