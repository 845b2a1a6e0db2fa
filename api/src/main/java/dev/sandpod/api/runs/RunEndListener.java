package dev.sandpod.api.runs;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Holds one connection that LISTENs for the {@code sandpod_run_ended} notifications sent by the
 * {@code run_ended} trigger, and passes each to {@link RunWaiters}. If the connection drops, it
 * reconnects; meanwhile waiters fall back to polling.
 */
@Context
class RunEndListener {

    static final String CHANNEL = "sandpod_run_ended";

    private static final Logger LOG = LoggerFactory.getLogger(RunEndListener.class);
    private static final int WAIT_MS = 500;

    private final DataSource dataSource;
    private final RunWaiters waiters;
    private final Thread thread;
    private volatile boolean stopping;

    RunEndListener(DataSource dataSource, RunWaiters waiters) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.waiters = waiters;
        this.thread = new Thread(this::listen, "run-end-listener");
        thread.setDaemon(true);
    }

    /** Listens once the server has started: a context that fails to start leaves no thread behind. */
    @EventListener
    void onStartup(StartupEvent event) {
        thread.start();
    }

    private void listen() {
        while (!stopping) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                waiters.listening(true);
                while (!stopping) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MS);
                    for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                        waiters.ended(UUID.fromString(notification.getParameter()), null);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                waiters.listening(false);
                if (!stopping) {
                    LOG.warn("Listening for run ends failed ({}); waiting requests poll until it reconnects",
                            e.getMessage());
                    pause();
                }
            }
        }
        waiters.listening(false);
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        thread.join(2 * WAIT_MS);
    }
}
