package dev.sandpod.api.health;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.util.Properties;

/** What this process is: its version (from the build), environment name and start time. */
@Singleton
public class ServerInfo {

    private final String version;
    private final String environment;

    public ServerInfo(@Value("${sandpod.environment:development}") String environment) {
        this.environment = environment;
        this.version = readVersion();
    }

    public String version() {
        return version;
    }

    public String environment() {
        return environment;
    }

    /** Since the process started (not since this bean was made). */
    public Duration uptime() {
        return Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static String readVersion() {
        try (InputStream in = ServerInfo.class.getResourceAsStream("/sandpod-build.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
