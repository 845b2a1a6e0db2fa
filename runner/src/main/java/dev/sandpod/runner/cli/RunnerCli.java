package dev.sandpod.runner.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.sandpod.runner.Engine;
import dev.sandpod.runner.EngineConfig;
import dev.sandpod.runner.EngineUnavailableException;
import dev.sandpod.runner.InvalidRunRequestException;
import dev.sandpod.runner.ResultFrame;
import dev.sandpod.runner.RunRequest;
import dev.sandpod.runner.RunResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code java -jar sandpod-runner.jar [--isolation=bubblewrap|none]}: reads one run request as JSON on
 * stdin, writes the run result as JSON on stdout. Exit status: 0 with a result (whatever its verdict),
 * 2 for a request it refuses ({@code {"error":{"field","message"}}}), 3 when it cannot sandbox here.
 * <p>
 * With {@code SANDPOD_RESULT_KEY} set (in a pod), the process first makes itself non-dumpable and
 * writes its answer as a signed {@link ResultFrame} line instead, for the operator to verify.
 */
public final class RunnerCli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunnerCli() {
    }

    static final String KEY_ENV = "SANDPOD_RESULT_KEY";

    public static void main(String[] args) throws IOException {
        String key = System.getenv(KEY_ENV);
        PrintStream out = key == null ? new PrintStream(System.out, true, StandardCharsets.UTF_8)
                : framed(key.getBytes(StandardCharsets.UTF_8));
        // One run per process: a warm compiler would only cost its start-up.
        EngineConfig config = EngineConfig.standard().withIsolation(isolation(args)).withWarmCompilers(false);
        RunRequest request;
        try {
            request = JSON.readValue(System.in, RunRequest.class);
        } catch (JsonProcessingException e) {
            out.println(error(field(e), "the request is not a valid run request: " + e.getOriginalMessage()));
            System.exit(2);
            return;
        }
        try (Engine engine = Engine.start(config)) {
            RunResult result = engine.run(request);
            out.println(JSON.writeValueAsString(result));
        } catch (InvalidRunRequestException e) {
            out.println(error(e.field(), e.getMessage()));
            System.exit(2);
        } catch (EngineUnavailableException e) {
            out.println(error(null, e.getMessage()));
            System.exit(3);
        }
    }

    /** Protects the key and the log first: a program must neither read the key nor print a frame. */
    private static PrintStream framed(byte[] key) {
        try {
            ProcessProtection.makeUndumpable();
        } catch (RuntimeException | LinkageError e) {
            System.err.println("refusing to run: cannot protect the result key (" + e.getMessage() + ")");
            System.exit(3);
        }
        return new PrintStream(System.out, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String json) {
                super.println(ResultFrame.write(key, json));
            }
        };
    }

    private static EngineConfig.Isolation isolation(String[] args) {
        String value = System.getenv().getOrDefault("SANDPOD_ISOLATION", "bubblewrap");
        for (String arg : args) {
            if (arg.startsWith("--isolation=")) {
                value = arg.substring("--isolation=".length());
            }
        }
        return EngineConfig.Isolation.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static String field(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        return null;
    }

    private static String error(String field, String message) throws JsonProcessingException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return JSON.writeValueAsString(Map.of("error", error));
    }
}
