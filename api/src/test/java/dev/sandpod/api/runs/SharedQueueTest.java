package dev.sandpod.api.runs;

import dev.sandpod.api.testing.Http;
import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several servers on one database share one queue: what one accepts, any may run, and only once. */
class SharedQueueTest {

    @Test
    void aServerWithoutWorkersHasItsRunsExecutedByAnother() {
        // The acceptor's waiting request must be released by the run-end notification: it re-reads the
        // run only every 60 s, and without the notification would hold on to the 30 s maximum wait.
        try (EmbeddedServer acceptor = start(0, Map.of("sandpod.runs.wait-poll", "60s", "sandpod.runs.max-wait", "30s"));
             EmbeddedServer executor = start(2)) {
            Http http = new Http(acceptor.getURL());
            long start = System.nanoTime();
            Http.Response response = http.post("/api/v1/runs?wait=true", Map.of("language", "python",
                    "source", "print('ran elsewhere')"));
            assertTrue(System.nanoTime() - start < 15_000_000_000L, "released by the notification, not the maximum wait");
            assertEquals(200, response.status(), response.raw().body());
            assertEquals("ran elsewhere\n", response.body().at("/result/cases/0/stdout").asText());
        }
    }

    @Test
    void twoServersWithWorkersRunEveryRunExactlyOnce() throws Exception {
        try (EmbeddedServer first = start(2); EmbeddedServer second = start(2)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Http http = new Http((i % 2 == 0 ? first : second).getURL());
                ids.add(http.post("/api/v1/runs", Map.of("language", "bash", "source", "sleep 0.1; echo " + i))
                        .body().get("id").asText());
            }
            Http http = new Http(first.getURL());
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id ->
                    http.get("/api/v1/runs/" + id + "/status").body().get("state").asText().equals("COMPLETED")));
            try (Connection connection = DriverManager.getConnection(TestDatabase.jdbcUrl());
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT count(*) FROM runs WHERE id = ANY (?::uuid[]) AND attempts = 1")) {
                query.setArray(1, connection.createArrayOf("text", ids.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    assertEquals(16, rows.getInt(1), "every run claimed exactly once");
                }
            }
        }
    }

    private static EmbeddedServer start(int workers) {
        return start(workers, Map.of());
    }

    private static EmbeddedServer start(int workers, Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "sandpod.db.url", TestDatabase.jdbcUrl(),
                "sandpod.data-dir", TestDatabase.tempDir("sandpod-shared-").toString(),
                "sandpod.runs.workers", Integer.toString(workers)));
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }
}
