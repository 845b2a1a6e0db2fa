package dev.sandpod.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.runner.ResultFrame;
import dev.sandpod.runner.Trees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner CLI as it runs in a pod ({@code --isolation=none}, {@code SANDPOD_RESULT_KEY} set): the
 * user's program has the runner's uid and still cannot learn the key or put a result in the log.
 */
class FramedResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "test-result-key-0123456789abcdef";

    record Cli(int exit, String stdout) {
    }

    private static Path work;
    private static String classpath;

    /** As in a pod: not root, no capabilities; so the classpath is copied where nobody can read it. */
    @BeforeAll
    static void copyClasspath() throws IOException {
        work = Files.createTempDirectory("sandpod-cli-test-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = work.resolve("cp" + n++ + (Files.isDirectory(source) ? "" : ".jar"));
            try (var paths = Files.walk(source)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    Path copy = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(path, Files.isDirectory(source) ? copy : target);
                    }
                    copy.toFile().setReadable(true, false);
                    copy.toFile().setExecutable(true, false);
                }
            }
            target.toFile().setReadable(true, false);
            entries.add(target.toString());
        }
        classpath = String.join(File.pathSeparator, entries);
    }

    @AfterAll
    static void clean() throws IOException {
        Trees.delete(work);
    }

    private static Cli run(Map<String, Object> request) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classpath, RunnerCli.class.getName(), "--isolation=none"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(RunnerCli.KEY_ENV, KEY);
        builder.environment().put("TMPDIR", work.toString());
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + work);
        Process process = builder.start();
        process.getOutputStream().write(JSON.writeValueAsBytes(request));
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Cli(process.exitValue(), stdout);
    }

    private static JsonNode result(Cli cli) throws IOException {
        String json = ResultFrame.read(KEY.getBytes(StandardCharsets.UTF_8), cli.stdout()).orElseThrow(
                () -> new AssertionError("no verified frame in: " + cli.stdout()));
        return JSON.readTree(json);
    }

    @Test
    void resultIsOneSignedLine() throws Exception {
        Cli cli = run(Map.of("language", "python", "source", "print(6 * 7)"));
        assertEquals(0, cli.exit());
        assertEquals(1, cli.stdout().lines().count());
        assertTrue(cli.stdout().startsWith(ResultFrame.PREFIX));
        assertEquals("42\n", result(cli).at("/cases/0/stdout").asText());
    }

    @Test
    void refusedRequestIsSignedToo() throws Exception {
        Cli cli = run(Map.of("language", "cobol-2099", "source", "x"));
        assertEquals(2, cli.exit());
        assertEquals("language", result(cli).at("/error/field").asText());
    }

    @Test
    void programCannotReadTheKeyFromItsEnvironmentOrTheRunners() throws Exception {
        String program = String.join("\n",
                "import os",
                "print('env', os.environ.get('" + RunnerCli.KEY_ENV + "'))",
                "for pid in [os.getppid(), 1]:",
                "    try:",
                "        print('proc', pid, open('/proc/%d/environ' % pid, 'rb').read().count(b'" + KEY + "'))",
                "    except Exception as e:",
                "        print('proc', pid, type(e).__name__)");
        JsonNode result = result(run(Map.of("language", "python", "source", program)));
        String stdout = result.at("/cases/0/stdout").asText();
        assertTrue(stdout.contains("env None"), stdout);
        assertFalse(stdout.contains(KEY), stdout);
        assertFalse(stdout.matches("(?s).*proc \\d+ [1-9].*"), stdout);
    }

    @Test
    void programCannotWriteAResultIntoTheRunnersOutput() throws Exception {
        String forged = ResultFrame.PREFIX + "00 {\"verdict\":\"OK\",\"forged\":true}";
        String program = String.join("\n",
                "import os",
                "for pid in [os.getppid(), 1]:",
                "    try:",
                "        with open('/proc/%d/fd/1' % pid, 'w') as out: out.write('" + forged + "\\n')",
                "        print('wrote', pid)",
                "    except Exception as e:",
                "        print('blocked', pid, type(e).__name__)",
                "print('" + forged + "')",
                "raise SystemExit(3)");
        Cli cli = run(Map.of("language", "python", "source", program));
        JsonNode result = result(cli);
        assertEquals("RUNTIME_ERROR", result.get("verdict").asText(), cli.stdout());
        assertFalse(result.has("forged"));
        assertFalse(result.at("/cases/0/stdout").asText().contains("wrote"), result.toString());
        assertTrue(cli.stdout().lines().allMatch(line -> line.startsWith(ResultFrame.PREFIX)
                && ResultFrame.read(KEY.getBytes(StandardCharsets.UTF_8), line).isPresent()), cli.stdout());
    }

    @Test
    void frameRejectsTamperingAndForeignKeysAndKeepsTheLastValidLine() {
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        String first = ResultFrame.write(key, "{\"n\":1}");
        String second = ResultFrame.write(key, "{\"n\":2}");
        String foreign = ResultFrame.write("another key of some length".getBytes(StandardCharsets.UTF_8), "{\"n\":3}");
        String tampered = second.replace("{\"n\":2}", "{\"n\":4}");
        String log = String.join("\n", List.of(first, "noise", second, foreign, tampered, ResultFrame.PREFIX + "zz {}"));
        assertEquals("{\"n\":2}", ResultFrame.read(key, log).orElseThrow());
        assertTrue(ResultFrame.read(key, "nothing here").isEmpty());
    }
}
