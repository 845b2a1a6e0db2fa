package dev.sandpod.api.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.ExecutorService;

/**
 * Accepts API keys wherever a token is read. Runs after the JWT validator, skips anything shaped like a
 * JWT, and looks the key up off the event loop.
 */
@Singleton
class ApiKeyTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final ApiKeyService keys;
    private final Scheduler blocking;

    ApiKeyTokenValidator(ApiKeyService keys, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        if (token.chars().filter(c -> c == '.').count() == 2 && !keys.isBootstrapKey(token)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> keys.authenticate(token).orElse(null)).subscribeOn(blocking);
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
