package dev.sandpod.api.identity;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sandpod.api.testing.Http;
import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
@Property(name = "sandpod.identity.anonymous-loopback", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityEventsTest implements TestDatabase {

    @Inject
    EmbeddedServer server;

    final ListAppender<ILoggingEvent> events = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger("sandpod.security");

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    @Test
    void securityEventsAreLoggedWithoutSecrets() {
        Http http = new Http(server.getURL());
        Accounts.Account account = Accounts.register(http);
        String wrongPassword = "Wrong-Password-42";
        http.post("/api/v1/auth/login", Map.of("username", account.username(), "password", wrongPassword));

        Http me = http.bearer(account.accessToken());
        Http.Response key = me.post("/api/v1/keys", Map.of("name", "temp"));
        me.delete("/api/v1/keys/" + key.body().get("id").asText());

        http.post("/api/v1/auth/refresh", Map.of("refreshToken", account.refreshToken()));
        http.post("/api/v1/auth/refresh", Map.of("refreshToken", account.refreshToken()));

        List<String> lines = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("login failed") && l.contains(account.username())), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("API key revoked")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("refresh token reused")), lines.toString());
        for (String secret : List.of(wrongPassword, account.password(), account.refreshToken(), account.accessToken(),
                key.body().get("key").asText())) {
            assertFalse(lines.stream().anyMatch(l -> l.contains(secret)), "a secret reached the log");
        }
    }
}
