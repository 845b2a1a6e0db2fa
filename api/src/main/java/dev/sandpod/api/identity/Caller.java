package dev.sandpod.api.identity;

import io.micronaut.security.authentication.Authentication;

import java.util.Collection;

/**
 * Who is asking: the owner string put on everything they create, and whether they are an admin.
 * Users own by their numeric id; anonymous loopback use owns as {@code anonymous}.
 */
public record Caller(String owner, boolean admin) {

    public static final String ROLE_USER = "USER";
    public static final String ROLE_ADMIN = "ADMIN";
    public static final String ANONYMOUS = "anonymous";

    public static Caller of(Authentication authentication) {
        Collection<String> roles = authentication.getRoles();
        return new Caller(authentication.getName(), roles.contains(ROLE_ADMIN));
    }

    public boolean anonymous() {
        return ANONYMOUS.equals(owner);
    }

    /** The user id, for callers that are users. */
    public long userId() {
        if (anonymous()) {
            throw new NotAUserException();
        }
        return Long.parseLong(owner);
    }

    /** Anonymous loopback use has no account to read or change. */
    public static final class NotAUserException extends RuntimeException {
        NotAUserException() {
            super("anonymous use has no account: register and log in, or use an API key");
        }
    }
}
