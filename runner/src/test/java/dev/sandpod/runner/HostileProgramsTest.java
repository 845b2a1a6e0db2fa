package dev.sandpod.runner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.sandpod.runner.TestEngine.assertNothingLeft;
import static dev.sandpod.runner.TestEngine.limits;
import static dev.sandpod.runner.TestEngine.only;
import static dev.sandpod.runner.TestEngine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Programs that attack the sandbox. Each asserts containment and the verdict; after each, nothing of
 * the run may remain and the next run must behave normally.
 */
class HostileProgramsTest {

    @AfterEach
    void nextRunIsUnaffectedAndNothingIsLeft() throws IOException {
        assertNothingLeft();
        CaseResult next = only(run("python", "print(input())", "still fine", null));
        assertEquals(Verdict.OK, next.verdict());
        assertEquals("still fine\n", next.stdout());
    }

    @Test
    void forkBombInBashIsContained() {
        CaseResult result = only(run("bash", ":(){ :|:& };:\nsleep 31337", null, limits(3000, 2000, 128)));
        assertNotEquals(Verdict.OK, result.verdict());
        assertTrue(result.wallTimeMs() < 10_000, "contained in time: " + result.wallTimeMs());
    }

    @Test
    void forkBombInCIsContained() {
        CaseResult result = only(run("c", "#include <unistd.h>\nint main(){for(;;){fork();}}", null,
                limits(2000, 2000, 128)));
        assertNotEquals(Verdict.OK, result.verdict());
    }

    @Test
    void memoryBombInPythonIsAMemoryLimit() {
        CaseResult result = only(run("python", "x = []\nwhile True:\n    x.append(bytearray(10**6))", null,
                limits(10_000, 10_000, 64)));
        assertEquals(Verdict.MEMORY_LIMIT, result.verdict());
    }

    @Test
    void memoryBombInCIsAMemoryLimit() {
        CaseResult result = only(run("c", "#include <stdlib.h>\n#include <string.h>\n"
                + "int main(){for(;;){char*p=malloc(1<<20); if(!p) return 3; memset(p,1,1<<20);}}", null,
                limits(10_000, 10_000, 64)));
        assertEquals(Verdict.MEMORY_LIMIT, result.verdict());
    }

    @Test
    void infiniteLoopIsATimeLimit() {
        CaseResult result = only(run("c", "int main(){volatile long i=0; for(;;) i++;}", null, limits(5000, 1000, 64)));
        assertEquals(Verdict.TIME_LIMIT, result.verdict());
        assertTrue(result.cpuTimeMs() >= 900, "used its CPU time: " + result.cpuTimeMs());
        assertTrue(result.wallTimeMs() < 3000, "stopped near the CPU limit: " + result.wallTimeMs());
    }

    @Test
    void sleepingPastTheWallTimeIsATimeLimit() {
        CaseResult result = only(run("bash", "sleep 31337", null, limits(1000, 1000, 64)));
        assertEquals(Verdict.TIME_LIMIT, result.verdict());
        assertTrue(result.wallTimeMs() < 2500, "killed at the wall limit: " + result.wallTimeMs());
    }

    @Test
    void ignoringSigtermDoesNotHelp() {
        CaseResult result = only(run("python", "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                + "signal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True: time.sleep(0.01)", null,
                limits(1000, 1000, 64)));
        assertEquals(Verdict.TIME_LIMIT, result.verdict());
    }

    @Test
    void daemonizedChildDoesNotOutliveTheRun() {
        CaseResult result = only(run("bash", "(setsid sleep 31337 >/dev/null 2>&1 &)\nnohup sleep 31337 >/dev/null 2>&1 &\n"
                + "echo started", null, limits(5000, 2000, 64)));
        assertEquals(Verdict.OK, result.verdict());
        assertEquals("started\n", result.stdout());
        assertTrue(result.wallTimeMs() < 3000, "the run did not wait for its daemons: " + result.wallTimeMs());
    }

    @Test
    void cannotConnectToTheHostLoopback() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CaseResult result = only(run("python", "import socket\ntry:\n"
                    + "    socket.create_connection(('127.0.0.1', " + server.getLocalPort() + "), timeout=2)\n"
                    + "    print('connected')\nexcept OSError as e:\n    print('blocked')", null, null));
            assertEquals("blocked\n", result.stdout());
        }
    }

    @Test
    void cannotReachAnOutsideAddress() {
        CaseResult result = only(run("python", "import socket\ntry:\n"
                + "    socket.create_connection(('192.0.2.1', 80), timeout=2)\n    print('connected')\n"
                + "except OSError as e:\n    print('blocked', e.errno)", null, null));
        assertTrue(result.stdout().startsWith("blocked"), result.stdout());
    }

    @Test
    void dnsDoesNotResolve() {
        CaseResult result = only(run("python", "import socket\ntry:\n    socket.getaddrinfo('example.com', 80)\n"
                + "    print('resolved')\nexcept OSError:\n    print('blocked')", null, null));
        assertEquals("blocked\n", result.stdout());
    }

    @Test
    void cannotReadHostSecretsOrTheServersFiles() {
        String cwd = Path.of("").toAbsolutePath().toString();
        CaseResult result = only(run("python", "import os\n"
                + "for p in ['/etc/shadow', '/root', '" + cwd + "', '/proc/1/environ', '/etc/hostname']:\n"
                + "    try:\n"
                + "        data = open(p, 'rb').read() if os.path.isfile(p) else os.listdir(p)\n"
                + "        print(p, 'READ', len(data))\n"
                + "    except OSError as e:\n"
                + "        print(p, 'DENIED')\n"
                + "print('ENV', sorted(os.environ))", null, null));
        String out = result.stdout();
        assertTrue(out.contains("/etc/shadow DENIED"), out);
        assertTrue(out.contains("/root DENIED"), out);
        assertTrue(out.contains(cwd + " DENIED"), out);
        assertTrue(out.contains("/proc/1/environ READ 0") || out.contains("/proc/1/environ DENIED"), out);
        assertTrue(out.contains("ENV ['HOME', 'LANG', 'PATH', 'PWD', 'TMPDIR']"), out);
    }

    @Test
    void cannotWriteOutsideTmp() {
        CaseResult result = only(run("python", "for p in ['/usr/x', '/etc/x', '/box/x', '/x', '/tmp/x']:\n"
                + "    try:\n        open(p, 'w').write('x')\n        print(p, 'WROTE')\n"
                + "    except OSError:\n        print(p, 'DENIED')", null, null));
        assertEquals("/usr/x DENIED\n/etc/x DENIED\n/box/x DENIED\n/x DENIED\n/tmp/x WROTE\n", result.stdout());
        assertFalse(Files.exists(Path.of("/usr/x")));
    }

    @Test
    void fillingTmpStopsAtItsCap() {
        CaseResult result = only(run("python", "f = open('/tmp/fill', 'wb')\nn = 0\ntry:\n"
                + "    while True:\n        f.write(b'x' * 2**20); f.flush(); n += 1\n"
                + "except OSError as e:\n    print('full after', n, 'MB')", null,
                new Limits(10_000L, 10_000L, 256, null, null, 128L << 20)));
        assertTrue(result.stdout().startsWith("full after"), result.stdout() + result.stderr());
    }

    @Test
    void hundredMegabytesOfOutputIsCut() {
        Limits limits = new Limits(10_000L, 10_000L, 128, null, 1L << 20, null);
        CaseResult result = only(run("python", "import sys\nfor _ in range(100):\n    sys.stdout.write('x' * 2**20)",
                null, limits));
        assertEquals(Verdict.OUTPUT_LIMIT, result.verdict());
        assertTrue(result.stdout().length() <= 1 << 20, "kept at most the cap: " + result.stdout().length());
        assertTrue(result.stdoutTruncated());
    }

    @Test
    void fileOverTheSizeLimitIsSigxfsz() {
        Limits limits = new Limits(null, null, null, null, null, 1L << 20);
        CaseResult result = only(run("c", "#include <stdio.h>\nint main(){FILE*f=fopen(\"/tmp/big\",\"w\");"
                + "for(int i=0;i<4096;i++){fwrite(\"0123456789abcdef0123456789abcdef\",1,32,f);"
                + "for(int j=0;j<31;j++) fwrite(\"0123456789abcdef0123456789abcdef\",1,32,f);} fclose(f); return 0;}",
                null, limits));
        assertEquals(Verdict.RUNTIME_ERROR, result.verdict());
        assertEquals("SIGXFSZ", result.signal());
    }

    @Test
    void setuidAndNestedUserNamespacesAreRefused() {
        CaseResult result = only(run("python", "import os, subprocess\n"
                + "try:\n    os.setuid(0)\n    print('setuid OK')\nexcept OSError:\n    print('setuid DENIED')\n"
                + "r = subprocess.run(['unshare', '-U', 'true'], capture_output=True)\n"
                + "print('userns', 'OK' if r.returncode == 0 else 'DENIED')\n"
                + "print('uid', os.getuid(), os.geteuid())", null, null));
        assertEquals("setuid DENIED\nuserns DENIED\nuid 65534 65534\n", result.stdout());
    }

    @Test
    void setuidBinariesGrantNothing() {
        // no-new-privs and a user namespace make the setuid bit inert: su and mount run as uid 65534.
        CaseResult result = only(run("bash", "echo root-password | /usr/bin/su root -c 'id -u' 2>/dev/null; echo su=$?\n"
                + "/usr/bin/mount -t tmpfs none /tmp 2>/dev/null; echo mount=$?\nid -u", null, null));
        assertFalse(result.stdout().lines().anyMatch("0"::equals), result.stdout());
        assertTrue(result.stdout().contains("su=1") || result.stdout().contains("su=126"), result.stdout());
        assertFalse(result.stdout().contains("mount=0"), result.stdout());
        assertTrue(result.stdout().endsWith("65534\n"), result.stdout());
    }

    @Test
    void cannotSignalProcessesOutsideTheSandbox() throws Exception {
        Process outside = new ProcessBuilder("sleep", "31336").start();
        try {
            CaseResult result = only(run("python", "import os, signal\ntry:\n"
                    + "    os.kill(" + outside.pid() + ", signal.SIGKILL)\n    print('killed')\n"
                    + "except OSError:\n    print('DENIED')\n"
                    + "try:\n    os.kill(-1, signal.SIGKILL)\nexcept OSError:\n    pass\n", null, null));
            assertTrue(outside.isAlive(), "the host process survived");
            assertNotEquals("killed\n", result.stdout());
        } finally {
            outside.destroyForcibly();
        }
    }

    @Test
    void hostileFileNamesAreRefused() {
        for (String name : List.of("../escape.py", "/etc/passwd", "a/../../b.py", "./x.py", "", "a//b.py", ".hidden/..")) {
            RunRequest request = new RunRequest("python", null, null, List.of(
                    new SourceFile("main.py", "print(1)", null), new SourceFile(name, "x", null)), null, null, null);
            InvalidRunRequestException error = assertThrows(InvalidRunRequestException.class,
                    () -> TestEngine.ENGINE.run(request), name);
            assertEquals("files[1].name", error.field(), name);
        }
    }

    @Test
    void aNameCannotBeBothFileAndDirectory() {
        RunRequest request = new RunRequest("python", null, null, List.of(new SourceFile("main.py", "print(1)", null),
                new SourceFile("lib", "x", null), new SourceFile("lib/x.py", "y", null)), null, null, null);
        InvalidRunRequestException error = assertThrows(InvalidRunRequestException.class,
                () -> TestEngine.ENGINE.run(request));
        assertEquals("files[2].name", error.field());
    }

    @Test
    void symlinkPlantedAtCompileTimeCannotLeakHostFiles() {
        // A build step that leaves a symlink to a host file must not make the file readable at run time.
        CaseResult result = only(run("bash", "ln -s /etc/shadow /tmp/s 2>/dev/null; cat /tmp/s 2>&1 | head -c 20; echo;"
                + " ln -s /etc/shadow /box/s 2>&1 | head -c 0; cat /box/s 2>&1 | head -c 40", null, null));
        assertFalse(result.stdout().contains("root:"), result.stdout());
    }

    @Test
    void compilerIsSandboxedToo() {
        RunResult result = TestEngine.run("c", "#include \"/etc/shadow\"\nint main(){return 0;}");
        assertEquals(Verdict.COMPILATION_ERROR, result.verdict());
        assertFalse(result.compile().output().contains("root:"), result.compile().output());
    }
}
