package dev.sandpod.api.identity;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/** Argon2id password hashes (password4j), with OWASP's minimum cost: 19 MiB, 2 passes, 1 lane. */
@Singleton
class Passwords {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    /** Compared against when the account does not exist, so a miss costs as long as a wrong password. */
    private final String decoy = hash("decoy password 0");

    String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    boolean matches(String password, @Nullable String hash) {
        if (hash == null) {
            Password.check(password, decoy).with(ARGON2ID);
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }
}
