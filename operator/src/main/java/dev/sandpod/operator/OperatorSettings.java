package dev.sandpod.operator;

import java.util.Map;

/**
 * What the operator applies to every pod it creates. Environment: {@code SANDPOD_RUNNER_IMAGE},
 * {@code SANDPOD_RUNTIME_CLASS}, {@code SANDPOD_RUNNER_IMAGE_<LANGUAGE>} (one image per language, optional).
 *
 * @param runnerImage      the multi-language runner image (runner CLI + every toolchain)
 * @param languageImages   per-language overrides of {@code runnerImage}
 * @param runtimeClassName optional RuntimeClass for CodeRun pods (gVisor, Kata)
 * @param runtimeMemoryMb  memory the runner JVM itself needs beside the program
 * @param ephemeralStorage ephemeral-storage request = limit of each CodeRun pod
 * @param compileSeconds   deadline allowance for compilation and start-up
 * @param statusOutputBytes stdout/stderr/compiler output kept per case in CodeRun.status
 *                          ({@code SANDPOD_STATUS_OUTPUT_BYTES}): status lives in etcd, which caps objects
 * @param schedulingTimeout how long a pod may stay unschedulable before its run fails
 *                          ({@code SANDPOD_SCHEDULING_TIMEOUT_SECONDS})
 */
public record OperatorSettings(
        String runnerImage,
        Map<String, String> languageImages,
        String runtimeClassName,
        int runtimeMemoryMb,
        String ephemeralStorage,
        long compileSeconds,
        int statusOutputBytes,
        java.time.Duration schedulingTimeout) {

    public static OperatorSettings fromEnvironment(Map<String, String> env) {
        Map<String, String> images = new java.util.HashMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith("SANDPOD_RUNNER_IMAGE_")) {
                images.put(key.substring("SANDPOD_RUNNER_IMAGE_".length()).toLowerCase(java.util.Locale.ROOT), value);
            }
        });
        return new OperatorSettings(env.getOrDefault("SANDPOD_RUNNER_IMAGE", "sandpod/runner:0.1.0"), Map.copyOf(images),
                env.get("SANDPOD_RUNTIME_CLASS"), 192, env.getOrDefault("SANDPOD_EPHEMERAL_STORAGE", "256Mi"), 60,
                Integer.parseInt(env.getOrDefault("SANDPOD_STATUS_OUTPUT_BYTES", "4096")),
                java.time.Duration.ofSeconds(Long.parseLong(env.getOrDefault("SANDPOD_SCHEDULING_TIMEOUT_SECONDS", "300"))));
    }

    public String imageFor(String language) {
        return languageImages.getOrDefault(language, runnerImage);
    }
}
