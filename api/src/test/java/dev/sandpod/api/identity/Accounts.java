package dev.sandpod.api.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.api.testing.Http;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Registers fresh users for identity tests. */
final class Accounts {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Accounts() {
    }

    record Account(long id, String username, String password, String accessToken, String refreshToken) {
    }

    static Account register(Http http) {
        String username = "user" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        String password = "secret-" + NEXT.get() + "pass";
        Http.Response response = http.post("/api/v1/auth/register",
                Map.of("username", username, "email", username + "@example.com", "password", password));
        assertEquals(201, response.status(), response.raw().body());
        JsonNode body = response.body();
        return new Account(body.at("/user/id").asLong(), username, password,
                body.at("/tokens/accessToken").asText(), body.at("/tokens/refreshToken").asText());
    }
}
