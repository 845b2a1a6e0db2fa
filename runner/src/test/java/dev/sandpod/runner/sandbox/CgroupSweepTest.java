package dev.sandpod.runner.sandbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupSweepTest {

    private static final SandboxLimits LIMITS = new SandboxLimits(1000, 1000, 64L << 20, 8, 1024, 1024, 1024, 1, 16);

    @Test
    void sweepRemovesGroupsOfDeadServersAndKeepsThoseOfLiveOnes() throws IOException {
        Cgroups cgroups = Cgroups.detect();
        Process liveServer = new ProcessBuilder("sleep", "30").start();
        try {
            Cgroup dead = cgroups.create("x" + Long.toHexString(Integer.MAX_VALUE - 7) + "-1", LIMITS);
            Cgroup live = cgroups.create("x" + Long.toHexString(liveServer.pid()) + "-1", LIMITS);
            cgroups.sweep();
            assertFalse(dead.exists(), "a dead server's group is swept");
            assertTrue(live.exists(), "a live server's group is kept");
            live.delete();
        } finally {
            liveServer.destroyForcibly();
        }
    }
}
