package dev.sandpod.api.instances;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One server process that has used this database. */
@MappedEntity("instances")
public record InstanceEntity(
        @Id UUID id,
        String host,
        long pid,
        String version,
        Instant startedAt,
        @Nullable Instant stoppedAt,
        Instant heartbeatAt) {
}
