package dev.sandpod.api.identity;

import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsTest {

    private static HttpResponse<String> preflight(EmbeddedServer server, String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/runs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static EmbeddedServer start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(new TestDatabase() { }.getProperties());
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @Test
    void defaultOriginIsTheLocalFrontEnd() throws Exception {
        try (EmbeddedServer server = start(Map.of())) {
            HttpResponse<String> allowed = preflight(server, "http://localhost:3000");
            assertEquals(200, allowed.statusCode(), allowed.headers() + " " + allowed.body());
            assertEquals("http://localhost:3000", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            HttpResponse<String> other = preflight(server, "https://evil.example");
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), other.headers().toString());
        }
    }

    @Test
    void corsOriginsIsACommaSeparatedList() throws Exception {
        try (EmbeddedServer server = start(Map.of("cors.origins", "https://ide.example,http://127.0.0.1:3000"))) {
            for (String origin : new String[]{"https://ide.example", "http://127.0.0.1:3000"}) {
                assertEquals(origin, preflight(server, origin).headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            }
            assertTrue(preflight(server, "http://localhost:3000").headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }
}
