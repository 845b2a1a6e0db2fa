package dev.sandpod.api.database;

import dev.sandpod.api.instances.CurrentInstance;
import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSelectionTest {

    @Test
    void withoutUrlAnEmbeddedPostgresLivesInTheDataDir() throws SQLException {
        Path dataDir = TestDatabase.tempDir("sandpod-embedded-");
        try (ApplicationContext context = ApplicationContext.run(Map.of("sandpod.data-dir", dataDir.toString()), "test")) {
            assertTrue(Files.exists(dataDir.resolve("postgres/PG_VERSION")), "cluster created under the data dir");
            assertEquals("PostgreSQL", query(context, "SELECT 'PostgreSQL'"));
            assertEquals("1", query(context, "SELECT count(*) FROM instances"), "migrated and registered");
        }
    }

    @Test
    void withSandpodDbUrlTheExternalDatabaseIsUsedAndNothingIsEmbedded() throws SQLException {
        Path dataDir = TestDatabase.tempDir("sandpod-external-");
        String url = TestDatabase.jdbcUrl();
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("sandpod.data-dir", dataDir.toString(), "sandpod.db.url", url), "test")) {
            assertFalse(Files.exists(dataDir.resolve("postgres")), "no embedded cluster");
            assertEquals(port(url), query(context, "SELECT current_setting('port')"));
        }
    }

    @Test
    void aMicronautDatasourceUrlIsHonouredToo() throws SQLException {
        Path dataDir = TestDatabase.tempDir("sandpod-external-");
        String url = TestDatabase.jdbcUrl();
        try (ApplicationContext context = ApplicationContext.run(Map.of("sandpod.data-dir", dataDir.toString(),
                "datasources.default.url", url.substring(0, url.indexOf('?')),
                "datasources.default.username", "postgres"), "test")) {
            assertFalse(Files.exists(dataDir.resolve("postgres")), "no embedded cluster");
            assertEquals(port(url), query(context, "SELECT current_setting('port')"));
        }
    }

    @Test
    void embeddedDataSurvivesARestartAndTheDataDirHasOneOwner() throws SQLException {
        Path dataDir = TestDatabase.tempDir("sandpod-restart-");
        Map<String, Object> properties = Map.of("sandpod.data-dir", dataDir.toString());
        UUID first;
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            first = context.getBean(CurrentInstance.class).id();
            RuntimeException clash = assertThrows(RuntimeException.class,
                    () -> ApplicationContext.run(properties, "test").close());
            assertTrue(rootMessage(clash).contains("is in use by another Sandpod process"), rootMessage(clash));
        }
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            assertEquals("2", query(context, "SELECT count(*) FROM instances"));
            assertEquals("t", query(context,
                    "SELECT stopped_at IS NOT NULL FROM instances WHERE id = '" + first + "'"),
                    "the first process was recorded and marked stopped on a clean shutdown");
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof DataDirectory.DataDirectoryInUseException)) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static String port(String jdbcUrl) {
        return jdbcUrl.replaceAll(".*localhost:(\\d+)/.*", "$1");
    }

    static String query(ApplicationContext context, String sql) throws SQLException {
        DataSource dataSource = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            assertTrue(rows.next(), "a row from " + sql);
            return rows.getString(1);
        }
    }
}
