package dev.sandpod.runner.lang;

import java.net.URISyntaxException;

final class URIs {

    private URIs() {
    }

    /** The jar or classes directory a class was loaded from. */
    static java.net.URI codeLocation(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
