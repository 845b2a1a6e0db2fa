package dev.sandpod.api.languages;

import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineUnavailableTest {

    @Test
    void serverStartsButReportsTheEngineUnavailableWithTheReason() throws Exception {
        // A work root under a regular file cannot exist: the sandbox probe fails for real.
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "sandpod.db.url", TestDatabase.jdbcUrl(),
                "sandpod.data-dir", TestDatabase.tempDir("sandpod-noengine-").toString(),
                "sandpod.engine.work-root", "/proc/version/sandpod"), "test")) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                    URI.create(server.getURL() + "/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, readiness.statusCode());
            assertTrue(readiness.body().contains("sandbox could not start"), readiness.body());
            String languages = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/languages")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(languages.contains("\"available\":false"), languages);
            assertTrue(!languages.contains("\"available\":true"), "no language is offered: " + languages);
        }
    }
}
