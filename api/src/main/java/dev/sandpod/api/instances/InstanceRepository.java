package dev.sandpod.api.instances;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InstanceRepository extends CrudRepository<InstanceEntity, UUID> {

    @Query("UPDATE instances SET stopped_at = now() WHERE id = :id")
    void markStopped(UUID id);

    @Query("UPDATE instances SET heartbeat_at = now() WHERE id = :id")
    void heartbeat(UUID id);
}
