package dev.sandpod.runner.lang;

import dev.sandpod.runner.CompileResult;
import dev.sandpod.runner.Engine;
import dev.sandpod.runner.EngineConfig;
import dev.sandpod.runner.RunRequest;
import dev.sandpod.runner.RunResult;
import dev.sandpod.runner.Verdict;
import dev.sandpod.runner.sandbox.BubblewrapSandbox;
import dev.sandpod.runner.sandbox.SandboxProbe;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaCompileServerTest {

    private static final String HELLO = "public class Main { public static void main(String[] a) { System.out.println(\"hi\"); } }";

    @Test
    void compilationOverrunningItsTimeKillsTheCompilerWhichRestartsForTheNextJob() throws IOException {
        Path work = workRoot();
        BubblewrapSandbox sandbox = (BubblewrapSandbox) SandboxProbe.bubblewrap(work).sandbox();
        try (JavaCompileServer server = new JavaCompileServer(sandbox, work, 1024L << 20)) {
            assertTrue(server.start());
            CompileResult overrun = server.compile(box(work, "a"), 1);
            assertEquals("TIME_LIMIT", overrun.status());
            CompileResult next = server.compile(box(work, "b"), 60_000);
            assertEquals("OK", next.status(), next.output());
            assertTrue(Files.exists(work.resolve("b/Main.class")), "class file copied into the box");
        }
    }

    @Test
    void compileErrorsComeBackWithFileAndLine() throws IOException {
        Path work = workRoot();
        BubblewrapSandbox sandbox = (BubblewrapSandbox) SandboxProbe.bubblewrap(work).sandbox();
        try (JavaCompileServer server = new JavaCompileServer(sandbox, work, 1024L << 20)) {
            Path box = box(work, "c");
            Files.writeString(box.resolve("Main.java"), "public class Main {\n  int x = \"s\";\n}\n");
            CompileResult result = server.compile(box, 60_000);
            assertEquals("ERROR", result.status());
            assertTrue(result.output().startsWith("Main.java:2: error: incompatible types"), result.output());
        }
    }

    @Test
    void coldJavacStillWorksWhenTheWarmCompilerIsOff() throws IOException {
        try (Engine engine = Engine.start(EngineConfig.standard().withWorkRoot(workRoot()).withWarmCompilers(false))) {
            RunResult result = engine.run(new RunRequest("java", null, HELLO, null, null, null, null));
            assertEquals(Verdict.OK, result.verdict(), result.toString());
            assertEquals("hi\n", result.cases().get(0).stdout());
        }
    }

    private static Path workRoot() throws IOException {
        Path work = Files.createTempDirectory("sandpod-javac-test-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        return work;
    }

    private static Path box(Path work, String name) throws IOException {
        Path box = Files.createDirectories(work.resolve(name));
        Files.writeString(box.resolve("Main.java"), HELLO);
        return box;
    }
}
