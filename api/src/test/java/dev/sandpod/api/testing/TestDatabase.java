package dev.sandpod.api.testing;

import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real PostgreSQL for the whole test JVM, so each test context skips initdb. Test classes that
 * implement this get it as their external database and a data directory of their own.
 */
public interface TestDatabase extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        return Map.of(
                "sandpod.db.url", Holder.POSTGRES.getJdbcUrl("postgres", "postgres"),
                "sandpod.data-dir", tempDir("sandpod-test-").toString());
    }

    static String jdbcUrl() {
        return Holder.POSTGRES.getJdbcUrl("postgres", "postgres");
    }

    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Started on first use, stopped by zonky's shutdown hook when the JVM exits. */
    final class Holder {
        static final EmbeddedPostgres POSTGRES = start();

        private Holder() {
        }

        private static EmbeddedPostgres start() {
            try {
                return EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
