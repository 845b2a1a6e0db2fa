package dev.sandpod.api.webhooks;

import dev.sandpod.api.database.DataDirectory;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
                : dataDirectory.secret("webhook-secret").getBytes(StandardCharsets.UTF_8);
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
}
