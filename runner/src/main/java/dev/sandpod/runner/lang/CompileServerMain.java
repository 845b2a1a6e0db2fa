package dev.sandpod.runner.lang;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The warm Java compiler. Runs inside its own sandbox (see {@link JavaCompileServer}); for each line
 * {@code <job>} on stdin it compiles {@code /spool/<job>/src/**.java} into {@code /spool/<job>/out}
 * and answers one line: {@code OK <base64 diagnostics>} or {@code ERROR <base64 diagnostics>}.
 * Annotation processing is off, so compiling never runs code from the source.
 */
public final class CompileServerMain {

    private CompileServerMain() {
    }

    public static void main(String[] args) throws IOException {
        Path spool = Path.of(args[0]);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            warmUp(compiler, files);
            out.println("READY");
            String job;
            while ((job = in.readLine()) != null) {
                if (!job.matches("[A-Za-z0-9-]{1,64}")) {
                    out.println("ERROR " + encode("bad job name"));
                    continue;
                }
                Path dir = spool.resolve(job);
                out.println(compile(compiler, files, dir.resolve("src"), dir.resolve("out")));
            }
        }
    }

    /** The first compilation loads and JIT-compiles javac: pay that before the first user waits. */
    private static void warmUp(JavaCompiler compiler, StandardJavaFileManager files) throws IOException {
        Path dir = Files.createTempDirectory("warm");
        Files.createDirectories(dir.resolve("src"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(dir.resolve("src/Warm.java"), "import java.util.*; public class Warm { public static void "
                    + "main(String[] a) { List<String> l = new ArrayList<>(); l.add(\"" + i + "\"); System.out.println(l); } }");
            compile(compiler, files, dir.resolve("src"), dir.resolve("out"));
        }
    }

    private static String compile(JavaCompiler compiler, StandardJavaFileManager files, Path src, Path out) {
        try (Stream<Path> walk = Files.walk(src)) {
            List<Path> sources = walk.filter(path -> path.toString().endsWith(".java")).toList();
            Files.createDirectories(out);
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            boolean ok = compiler.getTask(null, files, diagnostics,
                    List.of("-d", out.toString(), "-proc:none", "-encoding", "UTF-8", "-nowarn", "-implicit:none",
                            "-sourcepath", src.toString()),
                    null, units).call();
            StringBuilder text = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                String file = diagnostic.getSource() == null ? "" : src.relativize(Path.of(diagnostic.getSource().toUri())) + ":";
                text.append(file).append(diagnostic.getLineNumber()).append(": ")
                        .append(diagnostic.getKind().toString().toLowerCase(Locale.ROOT)).append(": ")
                        .append(diagnostic.getMessage(Locale.ROOT)).append('\n');
            }
            return (ok ? "OK " : "ERROR ") + encode(text.toString());
        } catch (IOException | RuntimeException e) {
            return "ERROR " + encode("compiler failure: " + e.getClass().getSimpleName());
        }
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
