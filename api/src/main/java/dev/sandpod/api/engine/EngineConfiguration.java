package dev.sandpod.api.engine;

import dev.sandpod.runner.EngineConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The execution engine's settings ({@code sandpod.engine.*}, env {@code SANDPOD_ENGINE_*}).
 *
 * @param isolation   {@code bubblewrap} (default) or {@code none} (development only, warns on every start)
 * @param workRoot    where run directories live; default {@code <tmp>/sandpod-runner}
 * @param concurrency runs executing at once; default the number of CPUs
 */
@ConfigurationProperties("sandpod.engine")
public record EngineConfiguration(
        @Nullable String isolation,
        @Nullable String workRoot,
        @Nullable Integer concurrency) {

    EngineConfig toEngineConfig() {
        EngineConfig config = EngineConfig.standard();
        if (isolation != null && !isolation.isBlank()) {
            config = config.withIsolation(EngineConfig.Isolation.valueOf(isolation.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        if (workRoot != null && !workRoot.isBlank()) {
            config = config.withWorkRoot(java.nio.file.Path.of(workRoot));
        }
        if (concurrency != null && concurrency > 0) {
            config = config.withConcurrency(concurrency);
        }
        return config;
    }
}
