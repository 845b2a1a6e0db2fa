package dev.sandpod.api.health;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Readiness fails while PostgreSQL is unreachable. Replaces Micronaut's JDBC indicator, whose details
 * print the JDBC URL (which can carry credentials).
 */
@Singleton
@Readiness
class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, String>> {

    private static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    DatabaseHealthIndicator(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    protected String getName() {
        return "database";
    }

    @Override
    protected Map<String, String> getHealthInformation() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(TIMEOUT_SECONDS)) {
                healthStatus = HealthStatus.UP;
                return Map.of("database", "PostgreSQL", "version", connection.getMetaData().getDatabaseProductVersion());
            }
        } catch (SQLException | RuntimeException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", "database unreachable");
        }
        healthStatus = HealthStatus.DOWN;
        return Map.of("error", "connection is not valid");
    }
}
