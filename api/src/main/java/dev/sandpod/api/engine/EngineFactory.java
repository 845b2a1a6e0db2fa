package dev.sandpod.api.engine;

import dev.sandpod.runner.Engine;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;

/** The one execution engine of this server, probed at startup so the log says what can run. */
@Factory
class EngineFactory {

    @Context
    @Bean(preDestroy = "close")
    Engine engine(EngineConfiguration configuration) {
        return Engine.start(configuration.toEngineConfig());
    }
}
