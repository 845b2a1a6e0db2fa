package dev.sandpod.api.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
            stopOrphan(cluster);
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(cluster)
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(root.resolve("pg-bin").toFile())
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(30))
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("unix_socket_directories", "")
                        // zonky turns this off for tests; a run must be on disk before the API answers
                        .setServerConfig("synchronous_commit", "on")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start in " + cluster, e);
            }
            LOG.info("Database: embedded PostgreSQL, data in {}, port {}", cluster, postgres.getPort());
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A server killed with SIGKILL leaves its PostgreSQL running on the cluster. We hold the data
     * directory's lock, so any postmaster still on it is such an orphan: shut it down before starting.
     */
    private static void stopOrphan(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false));
            if (orphan.isPresent()) {
                LOG.warn("PostgreSQL {} from a server that died still runs on {}: stopping it", pid, cluster);
                orphan.get().destroy();
                try {
                    orphan.get().onExit().get(15, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    orphan.get().destroyForcibly();
                    orphan.get().onExit().get(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            LOG.warn("Could not check for an orphaned PostgreSQL on {}: {}", cluster, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
            LOG.info("Embedded PostgreSQL stopped");
        }
    }
}
