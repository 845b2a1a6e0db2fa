package dev.sandpod.api.identity;

import io.micronaut.context.annotation.Context;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.annotation.PostConstruct;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.ResultSet;

/**
 * The account {@code SANDPOD_API_KEY} stands for: user {@code admin}, an admin with no password (it
 * cannot log in, only use the key). Created at startup when a key is configured.
 */
@Context
class BootstrapAdmin {

    static final String USERNAME = "admin";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final IdentityConfiguration configuration;
    private volatile long id = -1;

    BootstrapAdmin(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                   IdentityConfiguration configuration) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.configuration = configuration;
    }

    @PostConstruct
    void ensure() {
        if (!configuration.hasApiKey()) {
            return;
        }
        id = transactions.executeWrite(status -> insertAndFind());
    }

    private long insertAndFind() {
        jdbc.prepareStatement("INSERT INTO users (username, email, premium, admin, created_at, updated_at) "
                + "VALUES (?, 'admin@sandpod.invalid', true, true, now(), now()) ON CONFLICT (username) DO NOTHING", s -> {
            s.setString(1, USERNAME);
            return s.executeUpdate();
        });
        return jdbc.prepareStatement("SELECT id FROM users WHERE username = ?", s -> {
            s.setString(1, USERNAME);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    long id() {
        if (id < 0) {
            throw new IllegalStateException("no bootstrap API key is configured");
        }
        return id;
    }
}
