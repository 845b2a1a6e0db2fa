package dev.sandpod.operator.tenancy;

import java.util.Map;

/**
 * How much one tenant namespace may use. Environment: {@code SANDPOD_QUOTA_PODS}, {@code SANDPOD_QUOTA_CPU},
 * {@code SANDPOD_QUOTA_MEMORY}, {@code SANDPOD_QUOTA_EPHEMERAL_STORAGE}, {@code SANDPOD_CONTAINER_MAX_CPU},
 * {@code SANDPOD_CONTAINER_MAX_MEMORY}.
 */
record TenancySettings(String pods, String cpu, String memory, String ephemeralStorage, String containerMaxCpu,
                       String containerMaxMemory) {

    static TenancySettings fromEnvironment(Map<String, String> env) {
        return new TenancySettings(
                env.getOrDefault("SANDPOD_QUOTA_PODS", "50"),
                env.getOrDefault("SANDPOD_QUOTA_CPU", "16"),
                env.getOrDefault("SANDPOD_QUOTA_MEMORY", "32Gi"),
                env.getOrDefault("SANDPOD_QUOTA_EPHEMERAL_STORAGE", "64Gi"),
                env.getOrDefault("SANDPOD_CONTAINER_MAX_CPU", "4"),
                env.getOrDefault("SANDPOD_CONTAINER_MAX_MEMORY", "4Gi"));
    }
}
