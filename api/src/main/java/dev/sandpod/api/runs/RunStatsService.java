package dev.sandpod.api.runs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregates an owner's runs in SQL: one pass per grouping, over the creation-time range. */
@Singleton
public class RunStatsService {

    private final JdbcOperations jdbc;

    RunStatsService(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOnly
    public RunStats stats(String owner, @Nullable Instant from, @Nullable Instant to) {
        String where = " WHERE owner = ? AND (CAST(? AS timestamptz) IS NULL OR created_at >= ?)"
                + " AND (CAST(? AS timestamptz) IS NULL OR created_at < ?)";
        Map<String, Long> byState = counts("SELECT state, count(*) FROM runs" + where + " GROUP BY state", owner, from, to);
        Map<String, Long> byVerdict = counts("SELECT verdict, count(*) FROM runs" + where
                + " AND verdict IS NOT NULL GROUP BY verdict", owner, from, to);
        List<RunStats.LanguageStats> languages = query("SELECT language, count(*), count(*) FILTER (WHERE verdict = 'OK'),"
                + " avg(run_time_ms), avg(memory_kb) FROM runs" + where + " GROUP BY language ORDER BY count(*) DESC, language",
                owner, from, to, rows -> {
                    List<RunStats.LanguageStats> list = new ArrayList<>();
                    while (rows.next()) {
                        list.add(new RunStats.LanguageStats(rows.getString(1), rows.getLong(2), rows.getLong(3),
                                average(rows, 4), average(rows, 5)));
                    }
                    return list;
                });
        double[] averages = query("SELECT avg(run_time_ms), avg(memory_kb) FROM runs" + where, owner, from, to, rows -> {
            rows.next();
            Double time = average(rows, 1);
            Double memory = average(rows, 2);
            return new double[] {time == null ? -1 : time, memory == null ? -1 : memory};
        });
        long total = byState.values().stream().mapToLong(Long::longValue).sum();
        return new RunStats(from, to, total, byState, byVerdict, averages[0] < 0 ? null : averages[0],
                averages[1] < 0 ? null : averages[1], languages);
    }

    private Map<String, Long> counts(String sql, String owner, Instant from, Instant to) {
        return query(sql, owner, from, to, rows -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
            return counts;
        });
    }

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, String owner, Instant from, Instant to, Rows<T> reader) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, owner, from, to);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        });
    }

    private static void bind(PreparedStatement statement, String owner, Instant from, Instant to) throws SQLException {
        Timestamp start = from == null ? null : Timestamp.from(from);
        Timestamp end = to == null ? null : Timestamp.from(to);
        statement.setString(1, owner);
        statement.setTimestamp(2, start);
        statement.setTimestamp(3, start);
        statement.setTimestamp(4, end);
        statement.setTimestamp(5, end);
    }

    private static Double average(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : Math.round(value * 10) / 10.0;
    }
}
