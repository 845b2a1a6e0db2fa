package dev.sandpod.api.identity;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.HttpHeaderTokenReader;
import jakarta.inject.Singleton;

/** Reads an API key from {@code x-api-key}; {@code Authorization: Bearer <key>} is read by the bearer reader. */
@Singleton
class ApiKeyTokenReader extends HttpHeaderTokenReader {

    static final String HEADER = "x-api-key";

    @Override
    protected String getPrefix() {
        return null;
    }

    @Override
    protected String getHeaderName() {
        return HEADER;
    }

    @Override
    public java.util.Optional<String> findToken(HttpRequest<?> request) {
        return super.findToken(request).map(String::strip).filter(token -> !token.isEmpty());
    }
}
