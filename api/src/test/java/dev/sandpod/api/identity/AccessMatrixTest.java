package dev.sandpod.api.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sandpod.api.testing.Http;
import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every protected endpoint, against every kind of missing, broken or foreign credential. */
@MicronautTest(environments = "test")
@Property(name = "sandpod.identity.anonymous-loopback", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest implements TestDatabase {

    @Inject
    EmbeddedServer server;

    @Inject
    JwtTokenGenerator jwt;

    Http http;
    Accounts.Account owner;
    Accounts.Account stranger;
    String runId;
    String keyId;

    record Call(String method, String path, Object body) {
        Http.Response send(Http http) {
            return switch (method) {
                case "GET" -> http.get(path);
                case "DELETE" -> http.delete(path);
                case "POST" -> http.post(path, body);
                case "PUT" -> http.put(path, body);
                case "PATCH" -> http.patch(path, body);
                default -> throw new IllegalArgumentException(method);
            };
        }
    }

    @BeforeAll
    void owners() {
        http = new Http(server.getURL());
        owner = Accounts.register(http);
        stranger = Accounts.register(http);
        Http.Response run = http.bearer(owner.accessToken()).post("/api/v1/runs?wait=true",
                Map.of("language", "python", "source", "print(1)"));
        assertEquals(200, run.status(), run.raw().body());
        runId = run.body().get("id").asText();
        keyId = http.bearer(owner.accessToken()).post("/api/v1/keys", Map.of("name", "mine")).body().get("id").asText();
    }

    List<Call> protectedCalls() {
        Map<String, Object> run = Map.of("language", "python", "source", "print(1)");
        return List.of(
                new Call("POST", "/api/v1/runs", run),
                new Call("GET", "/api/v1/runs", null),
                new Call("GET", "/api/v1/runs/" + runId, null),
                new Call("GET", "/api/v1/runs/" + runId + "/status", null),
                new Call("POST", "/api/v1/runs/" + runId + "/cancel", ""),
                new Call("DELETE", "/api/v1/runs/" + runId, null),
                new Call("GET", "/api/v1/stats", null),
                new Call("GET", "/api/v1/users/me", null),
                new Call("PUT", "/api/v1/users/me", Map.of("username", "x", "email", "x@example.com")),
                new Call("PATCH", "/api/v1/users/me", Map.of("username", "x")),
                new Call("GET", "/api/v1/users/" + owner.id(), null),
                new Call("PATCH", "/api/v1/users/" + owner.id(), Map.of("premium", true)),
                new Call("POST", "/api/v1/auth/logout", ""),
                new Call("GET", "/api/v1/keys", null),
                new Call("POST", "/api/v1/keys", Map.of("name", "k")),
                new Call("DELETE", "/api/v1/keys/" + keyId, null));
    }

    void everyCallIs401(String credential, Function<Http, Http> withCredential) {
        for (Call call : protectedCalls()) {
            Http.Response response = call.send(withCredential.apply(http));
            assertEquals(401, response.status(), credential + ": " + call);
            assertEquals("application/problem+json", response.header("Content-Type"), call.toString());
            assertEquals("Bearer", response.header("WWW-Authenticate"), call.toString());
        }
        assertEquals(200, http.bearer(owner.accessToken()).get("/api/v1/runs/" + runId).status(), "nothing changed");
    }

    @Test
    void noCredentialIs401() {
        everyCallIs401("none", h -> h);
    }

    @Test
    void tamperedTokenIs401() {
        String[] parts = owner.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"" + owner.id() + "\"", "\"sub\":\"" + stranger.id() + "\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        everyCallIs401("tampered", h -> h.bearer(forged));
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(String.valueOf(owner.id())).issuer("sandpod").claim("sid", UUID.randomUUID().toString())
                .claim("roles", List.of("USER", "ADMIN")).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        token.sign(new MACSigner("an attacker's own secret of 32+ characters".getBytes(StandardCharsets.UTF_8)));
        everyCallIs401("foreign key", h -> h.bearer(token.serialize()));
    }

    @Test
    void unsignedTokenIs401() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + owner.id()
                + "\",\"iss\":\"sandpod\",\"roles\":[\"ADMIN\"],\"sid\":\"" + UUID.randomUUID() + "\",\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}").getBytes(StandardCharsets.UTF_8));
        everyCallIs401("alg none", h -> h.bearer(header + "." + claims + "."));
    }

    @Test
    void expiredTokenIs401() {
        long now = Instant.now().getEpochSecond();
        String expired = jwt.generateToken(Map.of("sub", String.valueOf(owner.id()), "iss", "sandpod",
                "roles", List.of("USER"), "sid", UUID.randomUUID().toString(), "iat", now - 7200, "exp", now - 60)).orElseThrow();
        everyCallIs401("expired", h -> h.bearer(expired));
    }

    @Test
    void unknownApiKeyIs401() {
        everyCallIs401("unknown x-api-key", h -> h.with("x-api-key", "sp_" + "A".repeat(43)));
        everyCallIs401("unknown bearer key", h -> h.bearer("sp_" + "B".repeat(43)));
        everyCallIs401("refresh token as access token", h -> h.bearer(owner.refreshToken()));
    }

    @Test
    void anotherUsersRunIs404LikeAMissingOne() {
        Http other = http.bearer(stranger.accessToken());
        Http.Response missing = other.get("/api/v1/runs/" + UUID.randomUUID());
        for (String path : List.of("/api/v1/runs/" + runId, "/api/v1/runs/" + runId + "/status")) {
            Http.Response response = other.get(path);
            assertEquals(404, response.status(), path);
            assertEquals(missing.body().get("title"), response.body().get("title"));
        }
        assertEquals(404, other.post("/api/v1/runs/" + runId + "/cancel", "").status());
        assertEquals(404, other.delete("/api/v1/runs/" + runId).status());
        assertFalse(other.get("/api/v1/runs").raw().body().contains(runId));
        assertEquals(0, other.get("/api/v1/stats").body().at("/total").asLong(0));
        assertEquals(200, http.bearer(owner.accessToken()).get("/api/v1/runs/" + runId).status());
    }

    @Test
    void anotherUsersKeyIs404() {
        assertEquals(404, http.bearer(stranger.accessToken()).delete("/api/v1/keys/" + keyId).status());
        assertEquals(1, http.bearer(owner.accessToken()).get("/api/v1/keys").body().size());
    }

    @Test
    void adminEndpointsAre403ForUsers() {
        Http.Response response = http.bearer(owner.accessToken()).patch("/api/v1/users/" + owner.id(), Map.of("premium", true));
        assertEquals(403, response.status());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals(403, http.bearer(owner.accessToken()).get("/api/v1/users/" + stranger.id()).status());
    }

    @Test
    void revokedKeyIs401() {
        Accounts.Account account = Accounts.register(http);
        Http me = http.bearer(account.accessToken());
        Http.Response created = me.post("/api/v1/keys", Map.of("name", "ci"));
        assertEquals(201, created.status());
        String key = created.body().get("key").asText();
        assertEquals(200, http.with("x-api-key", key).get("/api/v1/users/me").status());
        assertEquals(200, http.bearer(key).get("/api/v1/users/me").status());
        assertEquals(204, me.delete("/api/v1/keys/" + created.body().get("id").asText()).status());
        assertEquals(401, http.with("x-api-key", key).get("/api/v1/users/me").status());
        assertEquals(401, http.bearer(key).get("/api/v1/users/me").status());
    }

    @Test
    void rotatedRefreshTokenIsDead() {
        Accounts.Account account = Accounts.register(http);
        Http.Response rotated = http.post("/api/v1/auth/refresh", Map.of("refreshToken", account.refreshToken()));
        assertEquals(200, rotated.status(), rotated.raw().body());
        assertEquals(200, http.bearer(rotated.body().get("accessToken").asText()).get("/api/v1/users/me").status());
        Http.Response again = http.post("/api/v1/auth/refresh", Map.of("refreshToken", account.refreshToken()));
        assertEquals(401, again.status());
        assertEquals("application/problem+json", again.header("Content-Type"));
    }

    @Test
    void refreshTokenReuseRevokesTheWholeFamily() {
        Accounts.Account account = Accounts.register(http);
        Http.Response first = http.post("/api/v1/auth/refresh", Map.of("refreshToken", account.refreshToken()));
        Http.Response second = http.post("/api/v1/auth/refresh", Map.of("refreshToken", first.body().get("refreshToken").asText()));
        assertEquals(200, second.status());

        assertEquals(401, http.post("/api/v1/auth/refresh", Map.of("refreshToken", account.refreshToken())).status());

        assertEquals(401, http.post("/api/v1/auth/refresh",
                Map.of("refreshToken", second.body().get("refreshToken").asText())).status());
        for (String access : List.of(account.accessToken(), first.body().get("accessToken").asText(),
                second.body().get("accessToken").asText())) {
            assertEquals(401, http.bearer(access).get("/api/v1/users/me").status());
        }
        Http.Response login = http.post("/api/v1/auth/login", Map.of("username", account.username(), "password", account.password()));
        assertEquals(200, login.status(), "other sessions of the user are not affected: a new login works");
    }

    @Test
    void refreshNeedsAToken() {
        Http.Response response = http.post("/api/v1/auth/refresh", Map.of());
        assertEquals(400, response.status());
        assertEquals("refreshToken", response.body().at("/violations/0/field").asText());
    }
}
