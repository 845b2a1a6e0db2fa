package dev.sandpod.api.health;

import com.sun.management.OperatingSystemMXBean;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Host memory and CPU figures for the detailed health body. */
@Singleton
class SystemMetrics {

    private static final double MB = 1024.0 * 1024.0;
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private final OperatingSystemMXBean os =
            ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

    HealthResponse.Memory memory() {
        long total = os.getTotalMemorySize();
        long available = availableBytes().orElse(os.getFreeMemorySize());
        long used = Math.max(0, total - available);
        double percent = total == 0 ? 0 : 100.0 * used / total;
        return new HealthResponse.Memory(round(used / MB, 2), round(total / MB, 2), round(percent, 1), "MB");
    }

    HealthResponse.Cpu cpu() {
        double load = os.getCpuLoad();
        double percent = Double.isNaN(load) || load < 0 ? 0 : load * 100;
        return new HealthResponse.Cpu(round(percent, 1), Runtime.getRuntime().availableProcessors());
    }

    /** Python's os.name, which the seed's "platform" field reports: "posix" everywhere but Windows. */
    static String platform() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "nt" : "posix";
    }

    /** MemAvailable counts reclaimable cache as free, as psutil does; the MXBean's free memory does not. */
    private static java.util.OptionalLong availableBytes() {
        try {
            List<String> lines = Files.readAllLines(MEMINFO);
            for (String line : lines) {
                if (line.startsWith("MemAvailable:")) {
                    String kb = line.replaceAll("[^0-9]", "");
                    return java.util.OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.empty();
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
