package dev.sandpod.api.database;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the data lives. With no {@code url} (env {@code SANDPOD_DB_URL}) and no Micronaut
 * {@code datasources.default.url}, an embedded PostgreSQL is started under {@code dataDir}.
 */
@ConfigurationProperties("sandpod.db")
public record DatabaseConfiguration(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password) {
}
