package dev.sandpod.api.identity;

import dev.sandpod.api.testing.Http;
import dev.sandpod.api.testing.ServerTest;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
@Property(name = "sandpod.identity.anonymous-loopback", value = "false")
@Property(name = "sandpod.rate-limits.default.limit", value = "30")
@Property(name = "sandpod.rate-limits.runs.limit", value = "2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitsTest extends ServerTest {

    @Test
    void loginBruteForceIsStoppedOnTheSixthTry() {
        Accounts.Account account = Accounts.register(http);
        for (int attempt = 1; attempt <= 5; attempt++) {
            Http.Response response = http.post("/api/v1/auth/login",
                    Map.of("username", account.username(), "password", "guess-" + attempt));
            assertEquals(401, response.status(), "attempt " + attempt);
            assertEquals("5", response.header("X-RateLimit-Limit"));
            assertEquals(String.valueOf(5 - attempt), response.header("X-RateLimit-Remaining"));
        }
        Http.Response sixth = http.post("/api/v1/auth/login",
                Map.of("username", account.username() + "@example.com", "password", account.password()));
        assertEquals(429, sixth.status(), "the right password does not help, nor the other name of the account");
        assertEquals("application/problem+json", sixth.header("Content-Type"));
        assertEquals(429, sixth.body().get("status").asInt());
        assertTrue(sixth.body().get("detail").asText().contains("login"));
        assertEquals("5", sixth.header("X-RateLimit-Limit"));
        assertEquals("0", sixth.header("X-RateLimit-Remaining"));
        long retryAfter = Long.parseLong(sixth.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
        long reset = Long.parseLong(sixth.header("X-RateLimit-Reset"));
        long now = Instant.now().getEpochSecond();
        assertTrue(reset > now && reset <= now + 901, "X-RateLimit-Reset is a unix time within 15 minutes: " + reset);

        Accounts.Account other = Accounts.register(http);
        assertEquals(200, http.post("/api/v1/auth/login",
                Map.of("username", other.username(), "password", other.password())).status(), "other accounts still log in");
    }

    @Test
    void eachIdentityHasItsOwnBudget() {
        Accounts.Account busy = Accounts.register(http);
        Accounts.Account calm = Accounts.register(http);
        Http me = http.bearer(busy.accessToken());
        for (int i = 0; i < 30; i++) {
            Http.Response response = me.get("/api/v1/runs");
            assertEquals(200, response.status(), "request " + (i + 1));
            assertEquals("30", response.header("X-RateLimit-Limit"));
            assertEquals(String.valueOf(29 - i), response.header("X-RateLimit-Remaining"));
        }
        Http.Response limited = me.get("/api/v1/runs");
        assertEquals(429, limited.status());
        assertTrue(Long.parseLong(limited.header("Retry-After")) <= 60);
        assertEquals("0", limited.header("X-RateLimit-Remaining"));
        assertEquals(200, http.bearer(calm.accessToken()).get("/api/v1/runs").status());
    }

    @Test
    void runSubmissionHasItsOwnPolicy() {
        Accounts.Account account = Accounts.register(http);
        Http me = http.bearer(account.accessToken());
        Map<String, Object> run = Map.of("language", "python", "source", "print(1)");
        assertEquals(202, me.post("/api/v1/runs", run).status());
        Http.Response second = me.post("/api/v1/runs", run);
        assertEquals(202, second.status());
        assertEquals("2", second.header("X-RateLimit-Limit"));
        assertEquals(429, me.post("/api/v1/runs", run).status());
        assertEquals(200, me.get("/api/v1/runs").status(), "reading is governed by the default policy");
    }

    @Test
    void healthIsNeverLimited() {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, http.get("/api/health/").status());
        }
    }
}
