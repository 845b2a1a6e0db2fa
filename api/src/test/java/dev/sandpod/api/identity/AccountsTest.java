package dev.sandpod.api.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.api.testing.Http;
import dev.sandpod.api.testing.ServerTest;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
@Property(name = "sandpod.identity.anonymous-loopback", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsTest extends ServerTest {

    @Test
    void registerAnswersTheUserAndTokensButNeverThePassword() {
        Http.Response response = http.post("/api/v1/auth/register",
                Map.of("username", "Mixed_Case-1", "email", "Mixed@Example.COM", "password", "longenough1"));
        assertEquals(201, response.status(), response.raw().body());
        assertEquals("/api/v1/users/me", response.header("Location"));
        JsonNode user = response.body().get("user");
        assertEquals("mixed_case-1", user.get("username").asText());
        assertEquals("mixed@example.com", user.get("email").asText());
        assertFalse(user.get("premium").asBoolean());
        assertTrue(user.has("createdAt") && user.has("updatedAt"));
        assertEquals("Bearer", response.body().at("/tokens/tokenType").asText());
        assertEquals(3600, response.body().at("/tokens/expiresIn").asLong());
        assertEquals(604800, response.body().at("/tokens/refreshExpiresIn").asLong());
        assertFalse(response.raw().body().contains("longenough1"));
        assertFalse(response.raw().body().toLowerCase().contains("argon2"));
    }

    @Test
    void registrationErrorsNameEveryBadField() {
        Http.Response response = http.post("/api/v1/auth/register",
                Map.of("username", "ab", "email", "not-an-email", "password", "short"));
        assertEquals(400, response.status());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals("username", response.body().at("/violations/0/field").asText());
        assertEquals("email", response.body().at("/violations/1/field").asText());
        assertEquals("password", response.body().at("/violations/2/field").asText());
    }

    @Test
    void registrationRefusesEachRuleByName() {
        Map<String, Map<String, Object>> cases = Map.of(
                "username", Map.of("username", "bad name!", "email", "x1@example.com", "password", "password1"),
                "email", Map.of("username", "okname1", "email", "two@@example.com", "password", "password1"),
                "password", Map.of("username", "okname2", "email", "x2@example.com", "password", "nodigitshere"));
        cases.forEach((field, body) -> {
            Http.Response response = http.post("/api/v1/auth/register", body);
            assertEquals(400, response.status(), field);
            assertEquals(field, response.body().at("/violations/0/field").asText());
        });
        Http.Response missing = http.post("/api/v1/auth/register", Map.of("email", "x3@example.com", "password", "password1"));
        assertEquals("username", missing.body().at("/violations/0/field").asText());
        Http.Response wrongType = http.post("/api/v1/auth/register", "{\"username\": [1], \"email\": \"a@b.co\"}");
        assertEquals(400, wrongType.status());
        assertEquals("username", wrongType.body().at("/violations/0/field").asText());
    }

    @Test
    void usernamesAndEmailsAreUniqueWhateverTheirCase() {
        Accounts.Account taken = Accounts.register(http);
        Http.Response sameName = http.post("/api/v1/auth/register", Map.of("username", taken.username().toUpperCase(),
                "email", "fresh-" + taken.username() + "@example.com", "password", "password1"));
        assertEquals(409, sameName.status());
        assertEquals("username", sameName.body().at("/violations/0/field").asText());
        Http.Response sameEmail = http.post("/api/v1/auth/register", Map.of("username", "fresh" + taken.id(),
                "email", taken.username().toUpperCase() + "@EXAMPLE.com", "password", "password1"));
        assertEquals(409, sameEmail.status());
        assertEquals("email", sameEmail.body().at("/violations/0/field").asText());
        Http.Response reserved = http.post("/api/v1/auth/register",
                Map.of("username", "Admin", "email", "admin-claim@example.com", "password", "password1"));
        assertEquals(409, reserved.status());
    }

    @Test
    void loginWorksByUsernameOrEmail() {
        Accounts.Account account = Accounts.register(http);
        Http.Response byName = http.post("/api/v1/auth/login",
                Map.of("username", account.username().toUpperCase(), "password", account.password()));
        assertEquals(200, byName.status(), byName.raw().body());
        assertEquals(account.id(), byName.body().at("/user/id").asLong());
        Http.Response byEmail = http.post("/api/v1/auth/login",
                Map.of("username", account.username() + "@example.com", "password", account.password()));
        assertEquals(200, byEmail.status());
        Http.Response byEmailField = http.post("/api/v1/auth/login",
                Map.of("email", account.username() + "@example.com", "password", account.password()));
        assertEquals(200, byEmailField.status());
        assertNotEquals(byName.body().at("/tokens/refreshToken").asText(), byEmail.body().at("/tokens/refreshToken").asText());
    }

    @Test
    void wrongPasswordAndUnknownAccountLookTheSame() {
        Accounts.Account account = Accounts.register(http);
        Http.Response wrong = http.post("/api/v1/auth/login", Map.of("username", account.username(), "password", "wrong-pass1"));
        Http.Response unknown = http.post("/api/v1/auth/login", Map.of("username", "nobody-here", "password", "wrong-pass1"));
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals(wrong.body().get("detail"), unknown.body().get("detail"));
        assertEquals("Bearer", wrong.header("WWW-Authenticate"));
        Http.Response noPassword = http.post("/api/v1/auth/login", Map.of("username", account.username()));
        assertEquals(400, noPassword.status());
        assertEquals("password", noPassword.body().at("/violations/0/field").asText());
    }

    @Test
    void currentUserCanBeReadReplacedAndPatched() {
        Accounts.Account account = Accounts.register(http);
        Http me = http.bearer(account.accessToken());
        assertEquals(account.username(), me.get("/api/v1/users/me").body().get("username").asText());

        Http.Response patched = me.patch("/api/v1/users/me", Map.of("username", account.username() + "x"));
        assertEquals(200, patched.status(), patched.raw().body());
        assertEquals(account.username() + "x", patched.body().get("username").asText());
        assertEquals(account.username() + "@example.com", patched.body().get("email").asText());

        Http.Response putMissingEmail = me.put("/api/v1/users/me", Map.of("username", account.username() + "y"));
        assertEquals(400, putMissingEmail.status());
        assertEquals("email", putMissingEmail.body().at("/violations/0/field").asText());

        Http.Response put = me.put("/api/v1/users/me",
                Map.of("username", account.username() + "y", "email", account.username() + "-new@example.com"));
        assertEquals(200, put.status(), put.raw().body());
        assertEquals(account.username() + "-new@example.com", put.body().get("email").asText());

        Http.Response badEmail = me.patch("/api/v1/users/me", Map.of("email", "nope"));
        assertEquals(400, badEmail.status());
        assertEquals("email", badEmail.body().at("/violations/0/field").asText());
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        Accounts.Account account = Accounts.register(http);
        Http.Response other = http.post("/api/v1/auth/login", Map.of("username", account.username(), "password", account.password()));
        Http me = http.bearer(account.accessToken());

        Http.Response withoutCurrent = me.patch("/api/v1/users/me", Map.of("password", "brand-new-pass9"));
        assertEquals(400, withoutCurrent.status());
        assertEquals("currentPassword", withoutCurrent.body().at("/violations/0/field").asText());

        Http.Response changed = me.patch("/api/v1/users/me",
                Map.of("password", "brand-new-pass9", "currentPassword", account.password()));
        assertEquals(200, changed.status(), changed.raw().body());
        assertEquals(401, http.post("/api/v1/auth/login", Map.of("username", account.username(), "password", account.password())).status());
        assertEquals(200, http.post("/api/v1/auth/login", Map.of("username", account.username(), "password", "brand-new-pass9")).status());
        assertEquals(401, http.post("/api/v1/auth/refresh",
                Map.of("refreshToken", other.body().at("/tokens/refreshToken").asText())).status());
        assertEquals(200, me.get("/api/v1/users/me").status());
    }

    @Test
    void logoutEndsTheSessionOfTheAccessToken() {
        Accounts.Account account = Accounts.register(http);
        Http me = http.bearer(account.accessToken());
        assertEquals(204, me.post("/api/v1/auth/logout", "").status());
        assertEquals(401, me.get("/api/v1/users/me").status());
        assertEquals(401, http.post("/api/v1/auth/refresh", Map.of("refreshToken", account.refreshToken())).status());
    }

    @Test
    void logoutWithARefreshTokenEndsThatSession() {
        Accounts.Account account = Accounts.register(http);
        Http.Response second = http.post("/api/v1/auth/login", Map.of("username", account.username(), "password", account.password()));
        String secondRefresh = second.body().at("/tokens/refreshToken").asText();
        Http me = http.bearer(account.accessToken());
        assertEquals(204, me.post("/api/v1/auth/logout", Map.of("refreshToken", secondRefresh)).status());
        assertEquals(401, http.post("/api/v1/auth/refresh", Map.of("refreshToken", secondRefresh)).status());
        assertEquals(200, me.get("/api/v1/users/me").status());

        Accounts.Account stranger = Accounts.register(http);
        Http.Response foreign = http.bearer(stranger.accessToken()).post("/api/v1/auth/logout",
                Map.of("refreshToken", account.refreshToken()));
        assertEquals(401, foreign.status());
        assertEquals(200, http.post("/api/v1/auth/refresh", Map.of("refreshToken", account.refreshToken())).status());
    }
}
