package dev.sandpod.api.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded PostgreSQL (zonky binaries) used when no database URL is configured. Its cluster lives
 * in {@code <data dir>/postgres} so data survives a restart; it listens on a free loopback port chosen
 * at start, so two instances with different data directories never collide. It is stopped only after
 * the connection pool has closed (see {@link DataSourceSelector}).
 */
public class EmbeddedDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final DataDirectory dataDirectory;
    private EmbeddedPostgres postgres;

    EmbeddedDatabase(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Starts the cluster once and returns its JDBC URL. */
    public synchronized String start() {
        if (postgres == null) {
            Path root = dataDirectory.acquire();
            Path cluster = root.resolve("postgres");
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(cluster)
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(root.resolve("pg-bin").toFile())
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(30))
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("unix_socket_directories", "")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start in " + cluster, e);
            }
            LOG.info("Database: embedded PostgreSQL, data in {}, port {}", cluster, postgres.getPort());
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    synchronized void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
            LOG.info("Embedded PostgreSQL stopped");
        }
    }
}
