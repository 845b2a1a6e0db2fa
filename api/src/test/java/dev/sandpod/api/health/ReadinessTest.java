package dev.sandpod.api.health;

import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessFailsWhileTheDatabaseIsUnreachable() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "sandpod.db.url", postgres.getJdbcUrl("postgres", "postgres"),
                "sandpod.data-dir", TestDatabase.tempDir("sandpod-ready-").toString(),
                "datasources.default.connection-timeout", "1000"), "test")) {
            assertEquals(200, get(server, "/health/readiness").statusCode());

            postgres.close();

            HttpResponse<String> down = get(server, "/health/readiness");
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("database unreachable"), down.body());
            assertEquals(200, get(server, "/health/liveness").statusCode(), "liveness does not depend on the database");
            assertEquals(200, get(server, "/api/health/").statusCode());
        } finally {
            postgres.close();
        }
    }

    private HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
