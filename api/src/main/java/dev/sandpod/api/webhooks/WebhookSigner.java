package dev.sandpod.api.webhooks;

import dev.sandpod.api.database.DataDirectory;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Signs webhook bodies: {@code X-Sandpod-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}.
 * The timestamp inside the signed text lets a receiver refuse replays.
 */
@Singleton
public class WebhookSigner {

    public static final String HEADER = "X-Sandpod-Signature";

    private final byte[] key;

    WebhookSigner(WebhookConfiguration configuration, DataDirectory dataDirectory) {
        this.key = configuration.secret() != null && !configuration.secret().isBlank()
                ? configuration.secret().getBytes(StandardCharsets.UTF_8)
                : storedSecret(dataDirectory.root().resolve("webhook-secret"));
    }

    public String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Generated once (32 random bytes, owner-only file) so signatures stay valid across restarts. */
    private static byte[] storedSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Path temp = Files.createTempFile(file.getParent(), "webhook-secret", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, HexFormat.of().formatHex(secret), StandardOpenOption.TRUNCATE_EXISTING);
                try {
                    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(temp);
                }
            }
            return Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the webhook secret in " + file, e);
        }
    }
}
