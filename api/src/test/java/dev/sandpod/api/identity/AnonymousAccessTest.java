package dev.sandpod.api.identity;

import dev.sandpod.api.testing.Http;
import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a request without any credential is served, and as whom. */
class AnonymousAccessTest {

    private static EmbeddedServer start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(new TestDatabase() { }.getProperties());
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @Test
    void loopbackServerWithoutApiKeyServesAnonymousRequests() {
        try (EmbeddedServer server = start(Map.of())) {
            Http http = new Http(server.getURL());
            Http.Response run = http.post("/api/v1/runs?wait=true", Map.of("language", "python", "source", "print(7)"));
            assertEquals(200, run.status(), run.raw().body());
            assertEquals("anonymous", run.body().get("owner").asText());
            Http.Response me = http.get("/api/v1/users/me");
            assertEquals(401, me.status(), "anonymous use has no account");
            assertEquals(401, http.bearer("not-a-token").get("/api/v1/runs").status(), "a bad credential never falls back to anonymous");
        }
    }

    @Test
    void configuredApiKeyTurnsAnonymousUseOff() {
        try (EmbeddedServer server = start(Map.of("sandpod.api-key", "bootstrap-key-for-tests-0123456789"))) {
            Http http = new Http(server.getURL());
            assertEquals(401, http.get("/api/v1/runs").status());
            assertEquals(401, http.post("/api/v1/runs", Map.of("language", "python", "source", "print(7)")).status());
            assertEquals(200, http.get("/api/v1/languages").status(), "public endpoints stay public");
            assertEquals(200, http.get("/api/health/").status());
        }
    }

    @Test
    void serverOnAllInterfacesNeedsACredential() {
        try (EmbeddedServer server = start(Map.of("micronaut.server.host", "0.0.0.0"))) {
            Http http = new Http(server.getURL());
            assertEquals(401, http.get("/api/v1/runs").status());
        }
    }

    @Test
    void bootstrapKeyIsAnAdminWhoSeesEveryRun() {
        String key = "bootstrap-key-for-tests-abcdefghij";
        try (EmbeddedServer server = start(Map.of("sandpod.api-key", key))) {
            Http http = new Http(server.getURL());
            Accounts.Account user = Accounts.register(http);
            String runId = http.bearer(user.accessToken()).post("/api/v1/runs?wait=true",
                    Map.of("language", "python", "source", "print(1)")).body().get("id").asText();

            Http admin = http.with("x-api-key", key);
            Http.Response me = admin.get("/api/v1/users/me");
            assertEquals(200, me.status(), me.raw().body());
            assertEquals("admin", me.body().get("username").asText());
            assertTrue(me.body().get("admin").asBoolean());
            assertEquals(200, admin.get("/api/v1/runs/" + runId).status());
            assertEquals(200, http.bearer(key).get("/api/v1/runs/" + runId).status());

            Http.Response premium = admin.patch("/api/v1/users/" + user.id(), Map.of("premium", true));
            assertEquals(200, premium.status(), premium.raw().body());
            assertTrue(http.bearer(user.accessToken()).get("/api/v1/users/me").body().get("premium").asBoolean());
            assertEquals(401, http.with("x-api-key", key + "x").get("/api/v1/users/me").status());
            assertFalse(http.post("/api/v1/auth/login", Map.of("username", "admin", "password", "anything1")).status() == 200);
        }
    }

    @Test
    void generatedJwtSecretOutlivesARestart() {
        Map<String, Object> properties = new HashMap<>(new TestDatabase() { }.getProperties());
        Accounts.Account account;
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            account = Accounts.register(new Http(first.getURL()));
        }
        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            Http.Response me = new Http(second.getURL()).bearer(account.accessToken()).get("/api/v1/users/me");
            assertEquals(200, me.status(), me.raw().body());
        }
    }

    @Test
    void shortConfiguredJwtSecretIsRefusedAtStartup() {
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> start(Map.of("sandpod.jwt-secret", "too-short")).close());
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("SANDPOD_JWT_SECRET"), root.getMessage());
    }
}
