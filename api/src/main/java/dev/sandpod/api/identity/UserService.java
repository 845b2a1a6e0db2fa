package dev.sandpod.api.identity;

import dev.sandpod.api.errors.ApiProblem.Violation;
import dev.sandpod.api.errors.ConflictException;
import dev.sandpod.api.errors.InvalidRequestException;
import dev.sandpod.api.errors.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Registration, password checks and profile changes. */
@Singleton
class UserService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_-]{3,50}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Set<String> RESERVED = Set.of(BootstrapAdmin.USERNAME, Caller.ANONYMOUS);
    private static final int MAX_EMAIL = 254;
    private static final int MAX_PASSWORD = 256;

    private final UserRepository users;
    private final Passwords passwords;

    UserService(UserRepository users, Passwords passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    static Authentication authentication(UserEntity user) {
        return Authentication.build(String.valueOf(user.id()),
                user.admin() ? List.of(Caller.ROLE_USER, Caller.ROLE_ADMIN) : List.of(Caller.ROLE_USER));
    }

    UserEntity register(UserRequests.Register body) {
        List<Violation> violations = new ArrayList<>();
        checkUsername(body.username(), violations);
        checkEmail(body.email(), violations);
        checkPassword("password", body.password(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        String username = body.username().toLowerCase(Locale.ROOT);
        String email = body.email().strip().toLowerCase(Locale.ROOT);
        ensureFree(username, email);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return save(new UserEntity(null, username, email, passwords.hash(body.password()), false, false, now, now), true);
    }

    /** The account a login names, by username or email. */
    Optional<UserEntity> find(String login) {
        String key = login.strip().toLowerCase(Locale.ROOT);
        return key.contains("@") ? users.findByEmail(key) : users.findByUsername(key);
    }

    /** Whether the password is the account's; a missing account takes as long as a wrong password. */
    boolean passwordMatches(Optional<UserEntity> user, String password) {
        return passwords.matches(password, user.map(UserEntity::passwordHash).orElse(null)) && user.isPresent();
    }

    UserEntity get(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("no user " + id));
    }

    /** PUT replaces username and email (both required); PATCH changes what it names. */
    UserEntity update(long id, UserRequests.Update body, boolean replace) {
        UserEntity user = get(id);
        List<Violation> violations = new ArrayList<>();
        if (replace || body.username() != null) {
            checkUsername(body.username(), violations);
        }
        if (replace || body.email() != null) {
            checkEmail(body.email(), violations);
        }
        if (body.password() != null) {
            checkPassword("password", body.password(), violations);
            if (body.currentPassword() == null || !passwords.matches(body.currentPassword(), user.passwordHash())) {
                violations.add(new Violation("currentPassword", "currentPassword must be the account's password"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        String username = body.username() == null ? user.username() : body.username().toLowerCase(Locale.ROOT);
        String email = body.email() == null ? user.email() : body.email().strip().toLowerCase(Locale.ROOT);
        ensureFree(username.equals(user.username()) ? null : username, email.equals(user.email()) ? null : email);
        String hash = body.password() == null ? user.passwordHash() : passwords.hash(body.password());
        return save(user.withProfile(username, email, hash, Instant.now().truncatedTo(ChronoUnit.MICROS)), false);
    }

    UserEntity setFlags(long id, UserRequests.Flags flags) {
        UserEntity user = get(id);
        return users.update(user.withFlags(flags.premium() == null ? user.premium() : flags.premium(),
                flags.admin() == null ? user.admin() : flags.admin(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    private void ensureFree(@Nullable String username, @Nullable String email) {
        if (username != null && (RESERVED.contains(username) || users.existsByUsername(username))) {
            throw new ConflictException("username", "username '" + username + "' is taken");
        }
        if (email != null && users.existsByEmail(email)) {
            throw new ConflictException("email", "email is already registered");
        }
    }

    private UserEntity save(UserEntity user, boolean insert) {
        try {
            return insert ? users.save(user) : users.update(user);
        } catch (DataAccessException e) {
            // two requests raced for the same name or email; the unique indexes decided
            String message = String.valueOf(e.getMessage());
            if (message.contains("users_email")) {
                throw new ConflictException("email", "email is already registered");
            }
            if (message.contains("users_username")) {
                throw new ConflictException("username", "username '" + user.username() + "' is taken");
            }
            throw e;
        }
    }

    private static void checkUsername(@Nullable String username, List<Violation> violations) {
        if (username == null || username.isBlank()) {
            violations.add(new Violation("username", "username is required"));
        } else if (!USERNAME.matcher(username).matches()) {
            violations.add(new Violation("username", "username must be 3 to 50 letters, digits, '_' or '-'"));
        }
    }

    private static void checkEmail(@Nullable String email, List<Violation> violations) {
        if (email == null || email.isBlank()) {
            violations.add(new Violation("email", "email is required"));
        } else if (email.strip().length() > MAX_EMAIL || !EMAIL.matcher(email.strip()).matches()) {
            violations.add(new Violation("email", "email must be a valid email address"));
        }
    }

    static void checkPassword(String field, @Nullable String password, List<Violation> violations) {
        if (password == null || password.isEmpty()) {
            violations.add(new Violation(field, field + " is required"));
        } else if (password.length() < 8 || password.chars().noneMatch(Character::isDigit)) {
            violations.add(new Violation(field, field + " must be at least 8 characters and contain a digit"));
        } else if (password.length() > MAX_PASSWORD) {
            violations.add(new Violation(field, field + " must be at most " + MAX_PASSWORD + " characters"));
        }
    }
}
