package dev.sandpod.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.api.testing.Http;
import dev.sandpod.api.testing.ServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunsApiTest extends ServerTest {

    @Test
    void syncRunsInSeveralLanguages() {
        Map<String, String> sources = Map.of(
                "python", "print(input() * 2)",
                "c", "#include <stdio.h>\nint main(){char s[9];scanf(\"%8s\",s);printf(\"%s%s\\n\",s,s);}",
                "java", "public class Main { public static void main(String[] a) { String s = new java.util.Scanner(System.in)"
                        + ".next(); System.out.println(s + s); } }",
                "js", "const s = require('fs').readFileSync(0, 'utf8').trim(); console.log(s + s);");
        sources.forEach((language, source) -> {
            Http.Response response = http.post("/api/v1/runs?wait=true",
                    Map.of("language", language, "source", source, "stdin", "ab"));
            assertEquals(200, response.status(), response.raw().body());
            assertEquals("COMPLETED", response.body().get("state").asText());
            assertEquals("OK", response.body().get("verdict").asText(), language);
            assertEquals("abab\n", response.body().at("/result/cases/0/stdout").asText(), language);
            assertTrue(response.body().get("totalTimeMs").asLong() >= response.body().get("runTimeMs").asLong());
        });
    }

    @Test
    void asyncRunIsAcceptedThenPolledToCompletion() {
        Http.Response accepted = http.post("/api/v1/runs", Map.of("language", "python", "source", "print(21 * 2)",
                "testCases", List.of(Map.of("stdin", "", "expectedOutput", "42"), Map.of("stdin", "", "expectedOutput", "41"))));
        assertEquals(202, accepted.status());
        String id = accepted.body().get("id").asText();
        assertEquals("/api/v1/runs/" + id, accepted.header("Location"));
        assertEquals(2, accepted.body().get("casesTotal").asInt());
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/v1/runs/" + id + "/status").body()
                .get("state").asText().equals("COMPLETED"));
        JsonNode run = http.get("/api/v1/runs/" + id).body();
        assertEquals("WRONG_ANSWER", run.get("verdict").asText());
        assertEquals(2, run.get("casesDone").asInt());
        assertEquals("OK", run.at("/result/cases/0/verdict").asText());
        assertEquals("WRONG_ANSWER", run.at("/result/cases/1/verdict").asText());
        assertNotNull(run.get("queueTimeMs"));
    }

    @Test
    void cancellingARunningInfiniteLoopKillsIt() {
        Http.Response accepted = http.post("/api/v1/runs", Map.of("language", "bash", "source", "while true; do :; done",
                "limits", Map.of("wallTimeMs", 30000, "cpuTimeMs", 20000)));
        String id = accepted.body().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/runs/" + id + "/status").body()
                .get("state").asText().equals("RUNNING"));
        long start = System.nanoTime();
        Http.Response cancelled = http.post("/api/v1/runs/" + id + "/cancel", "");
        assertEquals(200, cancelled.status(), cancelled.raw().body());
        assertEquals("CANCELLED", cancelled.body().get("state").asText());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "killed promptly");
        Http.Response again = http.post("/api/v1/runs/" + id + "/cancel", "");
        assertEquals(409, again.status());
        assertEquals("application/problem+json", again.header("Content-Type"));
    }

    @Test
    void waitingRunExecutedInItsRequestCanBeCancelled() throws Exception {
        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> http.post("/api/v1/runs?wait=true",
                Map.of("language", "bash", "source", "while true; do :; done", "clientId", "inline-cancel",
                        "limits", Map.of("wallTimeMs", 20000, "cpuTimeMs", 20000))));
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/runs?state=RUNNING").body()
                .get("items").size() > 0);
        String id = http.get("/api/v1/runs?state=RUNNING").body().at("/items/0/id").asText();
        assertEquals(200, http.post("/api/v1/runs/" + id + "/cancel", "").status());
        Http.Response answered = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, answered.status(), answered.raw().body());
        assertEquals(id, answered.body().get("id").asText());
        assertEquals("CANCELLED", answered.body().get("state").asText());
    }

    @Test
    void theSameClientIdReturnsTheSameRun() {
        String clientId = "client-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("language", "python", "source", "print(1)", "clientId", clientId);
        String first = http.post("/api/v1/runs", body).body().get("id").asText();
        String second = http.post("/api/v1/runs", body).body().get("id").asText();
        assertEquals(first, second);
        String other = http.post("/api/v1/runs", Map.of("language", "python", "source", "print(1)",
                "clientId", clientId + "-b")).body().get("id").asText();
        assertNotEquals(first, other);
    }

    @Test
    void storedOutputIsCappedAndFlagged() {
        Http.Response response = http.post("/api/v1/runs?wait=true",
                Map.of("language", "python", "source", "print('x' * 200000)"));
        JsonNode stdout = response.body().at("/result/cases/0/stdout");
        assertEquals(65536, stdout.asText().length());
        assertTrue(response.body().at("/result/cases/0/stdoutTruncated").asBoolean());
        assertEquals("OK", response.body().get("verdict").asText());
    }

    @Test
    void listIsNewestFirstFilteredAndPaged() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            http.post("/api/v1/runs?wait=true", Map.of("language", "lua", "source", "print('" + marker + i + "')"));
        }
        JsonNode page = http.get("/api/v1/runs?language=lua&state=COMPLETED&size=2").body();
        assertEquals(2, page.get("items").size());
        assertTrue(page.get("total").asLong() >= 3);
        String newest = page.at("/items/0/createdAt").asText();
        String next = page.at("/items/1/createdAt").asText();
        assertTrue(newest.compareTo(next) >= 0, "newest first");
        page.get("items").forEach(item -> assertEquals("lua", item.get("language").asText()));
        assertEquals(0, http.get("/api/v1/runs?from=2999-01-01T00:00:00Z").body().get("total").asLong());
        assertEquals("state", http.get("/api/v1/runs?state=DONE").body().at("/violations/0/field").asText());
        assertEquals("from", http.get("/api/v1/runs?from=yesterday").body().at("/violations/0/field").asText());
        assertEquals("size", http.get("/api/v1/runs?size=1000").body().at("/violations/0/field").asText());
    }

    @Test
    void statsCountAndAverageByLanguage() {
        String from = java.time.Instant.now().minusMillis(1).toString();
        http.post("/api/v1/runs?wait=true", Map.of("language", "perl", "source", "print 1"));
        http.post("/api/v1/runs?wait=true", Map.of("language", "perl", "source", "die"));
        http.post("/api/v1/runs?wait=true", Map.of("language", "bash", "source", "echo 1"));
        JsonNode stats = http.get("/api/v1/stats?from=" + from).body();
        assertEquals(3, stats.get("total").asLong(), stats.toString());
        assertEquals(3, stats.at("/byState/COMPLETED").asLong());
        assertEquals(2, stats.at("/byVerdict/OK").asLong());
        assertEquals(1, stats.at("/byVerdict/RUNTIME_ERROR").asLong());
        JsonNode perl = stats.at("/languages/0");
        assertEquals("perl", perl.get("language").asText());
        assertEquals(2, perl.get("runs").asLong());
        assertEquals(1, perl.get("ok").asLong());
        assertTrue(perl.get("avgRunTimeMs").asDouble() > 0 && perl.get("avgMemoryKb").asDouble() > 0);
        assertEquals(0, http.get("/api/v1/stats?from=2999-01-01T00:00:00Z").body().get("total").asLong());
        assertEquals("to", http.get("/api/v1/stats?to=soon").body().at("/violations/0/field").asText());
    }

    @Test
    void deletedRunIsGone() {
        String id = http.post("/api/v1/runs?wait=true", Map.of("language", "python", "source", "print(1)"))
                .body().get("id").asText();
        assertEquals(204, http.delete("/api/v1/runs/" + id).status());
        assertEquals(404, http.get("/api/v1/runs/" + id).status());
        assertEquals(404, http.delete("/api/v1/runs/" + id).status());
    }

    @Test
    void unknownAndMalformedIds() {
        assertEquals(404, http.get("/api/v1/runs/" + UUID.randomUUID()).status());
        assertEquals(400, http.get("/api/v1/runs/not-a-uuid").status());
    }

    @Test
    void everyBadInputIsA400NamingTheField() {
        assertViolation(400, "language", Map.of("source", "print(1)"));
        assertViolation(400, "language", Map.of("language", "cobol", "source", "x"));
        assertViolation(400, "source", Map.of("language", "python", "source", ""));
        assertViolation(400, "source", Map.of("language", "python"));
        assertViolation(413, "source", Map.of("language", "python", "source", "#".repeat(600_000)));
        assertViolation(400, "limits.memoryMb", Map.of("language", "python", "source", "x", "limits", Map.of("memoryMb", 99999)));
        assertViolation(400, "limits.wallTimeMs", Map.of("language", "python", "source", "x", "limits", Map.of("wallTimeMs", -1)));
        assertViolation(400, "limits.memoryMb", Map.of("language", "python", "source", "x", "limits", Map.of("memoryMb", "lots")));
        assertViolation(400, "files[0].name", Map.of("language", "python", "files", List.of(Map.of("name", "../x.py", "content", "1"))));
        assertViolation(400, "testCases", Map.of("language", "python", "source", "x",
                "testCases", java.util.Collections.nCopies(101, Map.of("stdin", ""))));
        assertViolation(413, "stdin", Map.of("language", "python", "source", "x", "stdin", "y".repeat(4_200_000)));
        assertViolation(400, "stdin", Map.of("language", "python", "source", "x", "stdin", "y",
                "testCases", List.of(Map.of("stdin", ""))));
        assertViolation(400, "webhookUrl", Map.of("language", "python", "source", "x", "webhookUrl", "http://127.0.0.1:9/hook"));
        assertViolation(400, "webhookUrl", Map.of("language", "python", "source", "x", "webhookUrl", "http://10.1.2.3/hook"));
        assertViolation(400, "webhookUrl", Map.of("language", "python", "source", "x", "webhookUrl", "http://169.254.169.254/latest"));
        assertViolation(400, "webhookUrl", Map.of("language", "python", "source", "x", "webhookUrl", "http://[::1]/hook"));
        assertViolation(400, "webhookUrl", Map.of("language", "python", "source", "x", "webhookUrl", "file:///etc/passwd"));
        assertViolation(400, "webhookUrl", Map.of("language", "python", "source", "x", "webhookUrl", "not a url"));
        Http.Response malformed = http.post("/api/v1/runs", "{\"language\": ");
        assertEquals(400, malformed.status());
        assertTrue(malformed.body().get("detail").asText().startsWith("Malformed JSON"));
    }

    private void assertViolation(int status, String field, Map<String, Object> body) {
        Http.Response response = http.post("/api/v1/runs", body);
        assertEquals(status, response.status(), response.raw().body());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals(field, response.body().at("/violations/0/field").asText(), response.raw().body());
    }
}
