package dev.sandpod.api.identity;

import dev.sandpod.api.database.DataDirectory;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Singleton;

/**
 * Gives the JWT signature its secret: {@code SANDPOD_JWT_SECRET} when set, else one generated once
 * and kept in the data directory, so tokens survive a restart.
 */
@Singleton
class JwtSecret implements BeanCreatedEventListener<SecretSignatureConfiguration> {

    static final int MIN_LENGTH = 32;

    private final IdentityConfiguration configuration;
    private final DataDirectory dataDirectory;

    JwtSecret(IdentityConfiguration configuration, DataDirectory dataDirectory) {
        this.configuration = configuration;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public SecretSignatureConfiguration onCreated(BeanCreatedEvent<SecretSignatureConfiguration> event) {
        SecretSignatureConfiguration signature = event.getBean();
        String configured = configuration.jwtSecret();
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MIN_LENGTH) {
                throw new IllegalStateException("SANDPOD_JWT_SECRET must be at least " + MIN_LENGTH
                        + " characters (HS256 needs a 256-bit key)");
            }
            signature.setSecret(configured);
        } else {
            signature.setSecret(dataDirectory.secret("jwt-secret"));
        }
        return signature;
    }
}
