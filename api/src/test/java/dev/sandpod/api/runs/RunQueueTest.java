package dev.sandpod.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.api.testing.Http;
import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queue behaviour that needs its own server: the bound, and recovery of runs whose server died. */
class RunQueueTest {

    private static final String REQUEST = "{\"language\":\"python\",\"source\":\"print('recovered')\"}";

    @Test
    void pastTheQueueBoundSubmissionsGet429WithRetryAfter() {
        try (EmbeddedServer server = start(Map.of("sandpod.runs.max-queue", "0"))) {
            Http.Response response = new Http(server.getURL()).post("/api/v1/runs", Map.of("language", "python", "source", "print(1)"));
            assertEquals(429, response.status(), response.raw().body());
            assertEquals("application/problem+json", response.header("Content-Type"));
            assertTrue(Integer.parseInt(response.header("Retry-After")) >= 1);
            assertTrue(response.body().get("detail").asText().contains("queue is full"));
        }
    }

    @Test
    void eachRunRecordsHowManyRunsWereQueuedAheadOfIt() {
        try (EmbeddedServer server = start(Map.of("sandpod.runs.workers", "0"))) {
            Http http = new Http(server.getURL());
            java.util.List<JsonNode> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Http.Response response = http.post("/api/v1/runs", Map.of("language", "bash", "source", "echo " + i));
                assertEquals(202, response.status(), response.raw().body());
                assertEquals("QUEUED", response.body().get("state").asText());
                runs.add(response.body());
            }
            int first = runs.get(0).get("queuePosition").asInt();
            assertEquals(first + 1, runs.get(1).get("queuePosition").asInt());
            assertEquals(first + 2, runs.get(2).get("queuePosition").asInt());
            assertEquals(first + 2, http.get("/api/v1/runs/" + runs.get(2).get("id").asText()).body()
                    .get("queuePosition").asInt(), "stored as answered");
            for (JsonNode run : runs) {
                assertEquals(200, http.post("/api/v1/runs/" + run.get("id").asText() + "/cancel", Map.of()).status());
            }
        }
    }

    @Test
    void oneRunMoreThanTheEngineTakesWaitsReadyAndIsTimedFromItsRealStart() {
        try (EmbeddedServer server = start(Map.of("sandpod.engine.concurrency", "1"))) {
            Http http = new Http(server.getURL());
            String first = http.post("/api/v1/runs", Map.of("language", "bash", "source", "sleep 1; echo first"))
                    .body().get("id").asText();
            String second = http.post("/api/v1/runs", Map.of("language", "bash", "source", "echo second"))
                    .body().get("id").asText();
            // two workers for an engine of one: the second is claimed and held ready while the first runs
            await().atMost(Duration.ofSeconds(10)).until(() -> state(http, first).equals("RUNNING")
                    && state(http, second).equals("RUNNING"));
            await().atMost(Duration.ofSeconds(20)).until(() -> state(http, second).equals("COMPLETED"));
            JsonNode earlier = http.get("/api/v1/runs/" + first).body();
            JsonNode later = http.get("/api/v1/runs/" + second).body();
            assertEquals("COMPLETED", earlier.get("state").asText());
            assertEquals("second\n", later.at("/result/cases/0/stdout").asText());
            Instant firstStarted = Instant.parse(earlier.get("startedAt").asText());
            Instant secondStarted = Instant.parse(later.get("startedAt").asText());
            assertTrue(!secondStarted.isBefore(firstStarted.plusMillis(900)),
                    "the second run's start is when the engine took it: " + firstStarted + " then " + secondStarted);
            assertTrue(later.get("queueTimeMs").asLong() >= 900, later.toString());
        }
    }

    private static String state(Http http, String id) {
        return http.get("/api/v1/runs/" + id + "/status").body().get("state").asText();
    }

    @Test
    void runsLeftRunningByADeadServerAreRequeuedOnceThenFailed() throws SQLException {
        start(Map.of()).close(); // migrates the schema
        UUID deadServer = UUID.randomUUID();
        UUID retried = insertRunning(deadServer, 1);
        UUID givenUp = insertRunning(deadServer, 2);
        try (EmbeddedServer server = start(Map.of())) {
            Http http = new Http(server.getURL());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    http.get("/api/v1/runs/" + retried).body().get("state").asText().equals("COMPLETED"));
            JsonNode run = http.get("/api/v1/runs/" + retried).body();
            assertEquals("recovered\n", run.at("/result/cases/0/stdout").asText());
            JsonNode failed = http.get("/api/v1/runs/" + givenUp).body();
            assertEquals("FAILED", failed.get("state").asText());
            assertEquals("INTERNAL_ERROR", failed.get("verdict").asText());
            assertNotNull(failed.get("message").asText());
        }
    }

    private static EmbeddedServer start(Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of("sandpod.db.url", TestDatabase.jdbcUrl(),
                "sandpod.data-dir", TestDatabase.tempDir("sandpod-queue-").toString()));
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    /** A run as a server that then died would have left it. */
    private static UUID insertRunning(UUID server, int attempts) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = DriverManager.getConnection(TestDatabase.jdbcUrl());
             PreparedStatement insert = connection.prepareStatement("INSERT INTO runs (id, owner, language, request, "
                     + "state, queue_position, attempts, claimed_by, cases_total, created_at, started_at) "
                     + "VALUES (?, 'anonymous', 'python', ?, 'RUNNING', 0, ?, ?, 1, now(), now())")) {
            insert.setObject(1, id);
            insert.setString(2, REQUEST);
            insert.setInt(3, attempts);
            insert.setObject(4, server);
            insert.executeUpdate();
        }
        return id;
    }
}
