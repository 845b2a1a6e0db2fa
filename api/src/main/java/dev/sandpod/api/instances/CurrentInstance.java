package dev.sandpod.api.instances;

import dev.sandpod.api.health.ServerInfo;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;

/**
 * Records this process in the {@code instances} table at startup and marks it stopped on a clean
 * shutdown, so work it claimed can be traced to it (and recovered when it died instead).
 */
@Context
public class CurrentInstance {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentInstance.class);

    private final InstanceRepository repository;
    private final UUID id = UUID.randomUUID();

    CurrentInstance(InstanceRepository repository, ServerInfo server) {
        this.repository = repository;
        repository.save(new InstanceEntity(id, hostName(), ProcessHandle.current().pid(), server.version(),
                Instant.now(), null));
        LOG.info("Instance {} registered", id);
    }

    public UUID id() {
        return id;
    }

    /** On the shutdown event, before any bean (the pool, the database) is destroyed. */
    @EventListener
    void stopped(ShutdownEvent event) {
        try {
            repository.markStopped(id);
        } catch (RuntimeException e) {
            LOG.warn("Could not mark instance {} stopped: {}", id, e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
