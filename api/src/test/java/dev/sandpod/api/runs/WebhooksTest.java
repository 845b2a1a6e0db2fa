package dev.sandpod.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sandpod.api.testing.Http;
import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksTest implements TestDatabase {

    private static final String SECRET = "test-secret";

    record Received(String signature, String event, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.super.getProperties());
        properties.put("sandpod.webhooks.allow-private-addresses", "true");
        properties.put("sandpod.webhooks.secret", SECRET);
        properties.put("sandpod.webhooks.backoff", "200ms");
        properties.put("sandpod.webhooks.poll", "100ms");
        return properties;
    }

    @BeforeAll
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Sandpod-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Sandpod-Event"), body));
            int status = received.size() == 1 ? 500 : 200; // the first attempt fails
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void finishedRunIsPostedSignedAndRetriedAfterA500() throws Exception {
        Http http = new Http(server.getURL());
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        String id = http.post("/api/v1/runs", Map.of("language", "python", "source", "print('hooked')", "webhookUrl", url))
                .body().get("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);

        Received delivered = received.get(1);
        assertEquals("run.finished", delivered.event());
        JsonNode body = Http.JSON.readTree(delivered.body());
        assertEquals(id, body.get("id").asText());
        assertEquals("COMPLETED", body.get("state").asText());
        assertEquals("hooked\n", body.at("/result/cases/0/stdout").asText());
        String timestamp = delivered.signature().replaceAll("t=(\\d+),v1=.*", "$1");
        assertEquals("t=" + timestamp + ",v1=" + hmac(timestamp + "." + delivered.body()), delivered.signature());

        await().atMost(Duration.ofSeconds(5)).until(() ->
                http.get("/api/v1/runs/" + id).body().at("/deliveries/0/state").asText().equals("DELIVERED"));
        JsonNode delivery = http.get("/api/v1/runs/" + id).body().at("/deliveries/0");
        assertEquals(2, delivery.get("attempts").asInt());
        assertEquals(200, delivery.get("lastStatus").asInt());
        assertTrue(delivery.get("deliveredAt").isTextual());
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
