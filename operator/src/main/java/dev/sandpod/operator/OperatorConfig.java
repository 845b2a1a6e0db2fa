package dev.sandpod.operator;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The operator's settings: a properties file ({@code SANDPOD_OPERATOR_CONFIG}, default
 * {@code /etc/sandpod/operator.properties} when present) whose keys are the environment variables'
 * names, overridden by the environment itself.
 */
public final class OperatorConfig {

    public static final String FILE_ENV = "SANDPOD_OPERATOR_CONFIG";
    private static final String DEFAULT_FILE = "/etc/sandpod/operator.properties";
    private static final Map<String, String> VALUES = load(System.getenv());

    private OperatorConfig() {
    }

    /** File values, then the environment on top. */
    public static Map<String, String> values() {
        return VALUES;
    }

    static Map<String, String> load(Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        Path file = Path.of(env.getOrDefault(FILE_ENV, DEFAULT_FILE));
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read operator configuration " + file, e);
            }
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).strip()));
        } else if (env.containsKey(FILE_ENV)) {
            throw new IllegalStateException(FILE_ENV + " names " + file + ", which is not a readable file");
        }
        values.putAll(env);
        return Map.copyOf(values);
    }
}
