package dev.sandpod.api.testing;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** An HTTP test against the real server of its {@code @MicronautTest} context, on the shared database. */
public abstract class ServerTest implements TestDatabase {

    @Inject
    protected EmbeddedServer server;

    protected Http http;

    @BeforeEach
    void client() {
        http = new Http(server.getURL());
    }
}
