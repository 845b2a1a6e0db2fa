package dev.sandpod.api.runs;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Claims the oldest queued run in one transaction; concurrent workers (of any server) skip locked rows. */
@Singleton
class RunQueue {

    /**
     * Claims and results need not wait for the WAL flush: if a crash loses one, the run goes back to
     * an earlier state and recovery runs it again. Submissions (the accepted work) stay synchronous.
     */
    private static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF; ";

    private static final String CLAIM = "UPDATE runs SET state = 'RUNNING', started_at = now(), claimed_by = ?, "
            + "attempts = attempts + 1 WHERE id = (SELECT id FROM runs WHERE state = 'QUEUED' ORDER BY created_at, id "
            + "LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *";

    private final JdbcOperations jdbc;

    RunQueue(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement: lock the oldest queued row, mark it RUNNING for {@code instance}, return it. */
    @Transactional
    public Optional<RunEntity> claim(UUID instance) {
        return update(jdbc, true, CLAIM, statement -> statement.setObject(1, instance));
    }

    /** Binds the parameters of a statement. */
    interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs an {@code UPDATE … RETURNING *} of one run, in the caller's transaction, and returns the row.
     * With {@code asyncCommit} the transaction commits without waiting for the WAL flush; the setting
     * travels with the update, in the same round trip.
     */
    static Optional<RunEntity> update(JdbcOperations jdbc, boolean asyncCommit, String sql, Parameters parameters) {
        return jdbc.prepareStatement(asyncCommit ? ASYNC_COMMIT + sql : sql, statement -> {
            parameters.bind(statement);
            statement.execute();
            if (asyncCommit) {
                statement.getMoreResults(); // past the SET, to the update's rows
            }
            try (ResultSet rows = statement.getResultSet()) {
                return jdbc.entityStream(rows, RunEntity.class).findFirst();
            }
        });
    }
}
