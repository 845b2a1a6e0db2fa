package dev.sandpod.api.errors;

import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Framework-level errors, sent with the JDK client so nothing smooths the raw request. */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemResponsesTest implements TestDatabase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Test
    void unknownRouteIs404Problem() throws Exception {
        Map<String, Object> problem = problem(send("GET", "/api/nothing-here", null, null), 404);
        assertEquals("Not Found", problem.get("title"));
        assertTrue(((String) problem.get("detail")).contains("/api/nothing-here"));
    }

    @Test
    void wrongMethodIs405Problem() throws Exception {
        HttpResponse<String> response = send("DELETE", "/api/health/", null, null);
        Map<String, Object> problem = problem(response, 405);
        assertEquals("Method Not Allowed", problem.get("title"));
        assertTrue(((String) problem.get("detail")).contains("DELETE"));
        assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"));
    }

    @Test
    void malformedJsonIs400NamingTheProblem() throws Exception {
        Map<String, Object> problem = problem(send("POST", "/test/echo", "application/json", "{\"name\": \"x\","), 400);
        String detail = (String) problem.get("detail");
        assertTrue(detail.toLowerCase().contains("json"), detail);
        assertFalse(detail.contains("Source"), "no parser internals: " + detail);
    }

    @Test
    void nonJsonBodyIs400() throws Exception {
        Map<String, Object> problem = problem(send("POST", "/test/echo", "application/json", "hello there"), 400);
        assertTrue(((String) problem.get("detail")).toLowerCase().contains("json"));
    }

    @Test
    void nonJsonContentTypeIs400NamingTheContentType() throws Exception {
        Map<String, Object> problem = problem(send("POST", "/test/echo", "text/plain", "hello"), 400);
        assertTrue(((String) problem.get("detail")).contains("application/json"), (String) problem.get("detail"));
    }

    @Test
    void wrongTypeIs400NamingTheField() throws Exception {
        Map<String, Object> problem = problem(
                send("POST", "/test/echo", "application/json", "{\"name\":\"x\",\"count\":\"many\"}"), 400);
        assertTrue(((String) problem.get("detail")).contains("count"), (String) problem.get("detail"));
    }

    @Test
    void oversizedBodyIs413Problem() throws Exception {
        String huge = "{\"name\":\"" + "a".repeat(6 * 1024 * 1024) + "\",\"count\":1}";
        Map<String, Object> problem = problem(send("POST", "/test/echo", "application/json", huge), 413);
        assertEquals("Request Entity Too Large", problem.get("title"));
    }

    @Test
    void validBodyStillWorks() throws Exception {
        HttpResponse<String> response = send("POST", "/test/echo", "application/json", "{\"name\":\"x\",\"count\":2}");
        assertEquals(200, response.statusCode());
        assertEquals(Map.of("name", "x", "count", 2), JSON.readValue(response.body(), Map.class));
    }

    @Test
    void serverErrorLeaksNoInternals() throws Exception {
        HttpResponse<String> response = send("POST", "/test/echo/boom", "application/json", "{\"name\":\"x\",\"count\":2}");
        Map<String, Object> problem = problem(response, 500);
        assertFalse(response.body().contains("secret"), response.body());
        assertFalse(response.body().contains("/etc/sandpod"), response.body());
        assertFalse(response.body().contains("IllegalStateException"), response.body());
        assertEquals("Internal Server Error", problem.get("title"));
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        Map<String, Object> problem = JSON.readValue(response.body(), Map.class);
        assertEquals(status, problem.get("status"));
        assertTrue(problem.get("detail") instanceof String detail && !detail.isBlank(), "detail present");
        assertFalse(response.body().contains("\tat "), "no stack trace");
        return problem;
    }
}
