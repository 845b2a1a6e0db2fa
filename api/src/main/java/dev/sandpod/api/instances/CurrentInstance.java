package dev.sandpod.api.instances;

import dev.sandpod.api.health.ServerInfo;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
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
    /** This machine's name, as recorded for every instance. */
    public static final String HOST = hostName();

    private final UUID id = UUID.randomUUID();

    CurrentInstance(InstanceRepository repository, ServerInfo server) {
        this.repository = repository;
        Instant now = Instant.now();
        repository.save(new InstanceEntity(id, HOST, ProcessHandle.current().pid(), server.version(), now, null, now));
        LOG.info("Instance {} registered", id);
    }

    public UUID id() {
        return id;
    }

    /** Tells other servers this one is alive; they recover the runs of servers that fall silent. */
    @Scheduled(fixedDelay = "${sandpod.runs.heartbeat:10s}")
    void heartbeat() {
        repository.heartbeat(id);
    }

    /**
     * Whether the instance that claimed work is gone: unknown, stopped, silent since {@code staleBefore},
     * or a dead process on this very host.
     */
    public boolean isDead(UUID instance, Instant staleBefore) {
        return repository.findById(instance)
                .map(other -> other.stoppedAt() != null || other.heartbeatAt().isBefore(staleBefore)
                        || (other.host().equals(HOST) && !other.id().equals(id)
                            && ProcessHandle.of(other.pid()).map(p -> !p.isAlive()).orElse(true)))
                .orElse(true);
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
