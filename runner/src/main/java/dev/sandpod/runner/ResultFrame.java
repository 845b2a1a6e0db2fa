package dev.sandpod.runner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The runner's result as one log line a reader can trust: {@code SANDPOD-RESULT-V1 <hmac> <json>}, where
 * the HMAC-SHA256 of the JSON is keyed with a secret only the runner and the reader hold. The reader
 * takes the last line that verifies, so nothing a program prints can pass for a result.
 */
public final class ResultFrame {

    public static final String PREFIX = "SANDPOD-RESULT-V1 ";

    private ResultFrame() {
    }

    public static String write(byte[] key, String json) {
        if (json.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a framed result is one line");
        }
        return PREFIX + HexFormat.of().formatHex(mac(key, json)) + " " + json;
    }

    /** The JSON of the last line of {@code log} that is a frame signed with {@code key}. */
    public static Optional<String> read(byte[] key, String log) {
        List<String> lines = log.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            int space = line.indexOf(' ', PREFIX.length());
            if (space < 0) {
                continue;
            }
            String json = line.substring(space + 1);
            try {
                byte[] claimed = HexFormat.of().parseHex(line.substring(PREFIX.length(), space));
                if (MessageDigest.isEqual(claimed, mac(key, json))) {
                    return Optional.of(json);
                }
            } catch (IllegalArgumentException notHex) {
                // not a frame of ours
            }
        }
        return Optional.empty();
    }

    private static byte[] mac(byte[] key, String json) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(json.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
