package dev.sandpod.api.runs;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    static final String CLAIM = "UPDATE runs SET state = 'RUNNING', started_at = now(), claimed_by = ?, "
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

    /** Runs one {@code UPDATE … RETURNING *} of one run as {@link #updates} does; returns its row. */
    static Optional<RunEntity> update(JdbcOperations jdbc, boolean asyncCommit, String sql, Parameters parameters) {
        return updates(jdbc, asyncCommit, List.of(sql), parameters).get(0);
    }

    /**
     * Runs {@code UPDATE … RETURNING *} statements of one run each, in the caller's transaction and in
     * one round trip (parameters are numbered across all of them); returns each statement's row. With
     * {@code asyncCommit} the transaction commits without waiting for the WAL flush; the setting travels
     * with the updates.
     */
    static List<Optional<RunEntity>> updates(JdbcOperations jdbc, boolean asyncCommit, List<String> sqls,
                                             Parameters parameters) {
        String sql = (asyncCommit ? ASYNC_COMMIT : "") + String.join("; ", sqls);
        return jdbc.prepareStatement(sql, statement -> {
            parameters.bind(statement);
            statement.execute();
            if (asyncCommit) {
                statement.getMoreResults(); // past the SET
            }
            List<Optional<RunEntity>> found = new ArrayList<>();
            for (int i = 0; i < sqls.size(); i++) {
                if (i > 0) {
                    statement.getMoreResults();
                }
                try (ResultSet rows = statement.getResultSet()) {
                    found.add(jdbc.entityStream(rows, RunEntity.class).findFirst());
                }
            }
            return found;
        });
    }
}
