package dev.sandpod.runner.lang;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * One language of the catalog file ({@code languages.json}). Commands are argument lists whose
 * placeholders are filled per run: {@code {main}} (the entry file), {@code {mainBase}} (its name
 * without extension) and {@code {memoryMb}} (the run's memory limit).
 *
 * @param entryNamePattern      optional regex whose first group names the entry file (Java's public class)
 * @param compileSucceedsWhen   optional file whose existence, not the exit code, decides compilation
 * @param memoryOverheadMb      memory a runtime needs beyond the user's limit (a JVM's non-heap memory)
 * @param supportFiles          files the toolchain needs beside the source (TypeScript's Node globals)
 * @param compileServer         {@code javac}: compile with the warm, sandboxed compiler when it runs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Language(
        String id,
        String name,
        List<String> aliases,
        String sourceFile,
        String packageName,
        String entryNamePattern,
        List<String> compile,
        Map<String, String> compileEnv,
        String compileSucceedsWhen,
        List<String> run,
        Map<String, String> env,
        int memoryOverheadMb,
        Map<String, String> supportFiles,
        String compileServer,
        List<String> versionCommand) {

    public Language {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        compileEnv = compileEnv == null ? Map.of() : Map.copyOf(compileEnv);
        env = env == null ? Map.of() : Map.copyOf(env);
        supportFiles = supportFiles == null ? Map.of() : Map.copyOf(supportFiles);
    }

    public boolean compiled() {
        return compile != null && !compile.isEmpty();
    }

    /** The extension of the default source file, including the dot. */
    public String extension() {
        return sourceFile.substring(sourceFile.lastIndexOf('.'));
    }
}
