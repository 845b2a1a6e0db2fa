package dev.sandpod.api.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.event.BeanDestroyedEvent;
import io.micronaut.context.event.BeanDestroyedEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;

/**
 * Chooses the database before the pool is built: {@code SANDPOD_DB_URL} if set, else a configured
 * {@code datasources.default.url}, else the embedded PostgreSQL, which is stopped once the pool has
 * closed so no connection sees it die.
 */
@Singleton
class DataSourceSelector implements BeanCreatedEventListener<DatasourceConfiguration>,
        BeanDestroyedEventListener<DataSource> {

    /** The placeholder URL in application.yml that asks for the embedded database. */
    static final String EMBEDDED = "jdbc:postgresql://sandpod-embedded/";

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceSelector.class);

    private final DatabaseConfiguration configuration;
    private final DataDirectory dataDirectory;
    private EmbeddedDatabase embedded;

    DataSourceSelector(DatabaseConfiguration configuration, DataDirectory dataDirectory) {
        this.configuration = configuration;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        if (isSet(configuration.url())) {
            datasource.setUrl(configuration.url());
            if (isSet(configuration.username())) {
                datasource.setUsername(configuration.username());
            }
            if (configuration.password() != null) {
                datasource.setPassword(configuration.password());
            }
        } else if (EMBEDDED.equals(datasource.getUrl())) {
            datasource.setUrl(startEmbedded());
            datasource.setUsername("postgres");
            datasource.setPassword("");
            return datasource;
        }
        LOG.info("Database: external PostgreSQL at {}", redact(datasource.getUrl()));
        return datasource;
    }

    @Override
    public void onDestroyed(BeanDestroyedEvent<DataSource> event) {
        stopEmbedded();
    }

    @PreDestroy
    synchronized void stopEmbedded() {
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
            embedded = null;
        }
    }

    private synchronized String startEmbedded() {
        if (embedded == null) {
            embedded = new EmbeddedDatabase(dataDirectory);
        }
        return embedded.start();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Drops query parameters (which may carry a password) from a JDBC URL before it is logged. */
    static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
