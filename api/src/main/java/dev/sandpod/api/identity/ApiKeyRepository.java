package dev.sandpod.api.identity;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiKeyRepository extends CrudRepository<ApiKeyEntity, UUID> {

    List<ApiKeyEntity> findByUserIdAndRevokedAtIsNullOrderByCreatedAtDesc(long userId);

    long countByUserIdAndRevokedAtIsNull(long userId);

    Optional<ApiKeyEntity> findByKeyHashAndRevokedAtIsNull(byte[] keyHash);

    @Query("UPDATE api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
    long revoke(UUID id);

    /** At most one write a minute per key: a busy key must not turn every request into a write. */
    @Query("UPDATE api_keys SET last_used_at = now() WHERE id = :id "
            + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
    void touch(UUID id);
}
