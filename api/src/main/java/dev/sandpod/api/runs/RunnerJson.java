package dev.sandpod.api.runs;

import dev.sandpod.runner.CaseResult;
import dev.sandpod.runner.CompileResult;
import dev.sandpod.runner.Limits;
import dev.sandpod.runner.RunRequest;
import dev.sandpod.runner.RunResult;
import dev.sandpod.runner.SourceFile;
import dev.sandpod.runner.TestCase;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.SerdeImport;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The engine's records, (de)serialised by Micronaut Serde: stored and served in exactly the runner's shape. */
@Singleton
@SerdeImport(RunRequest.class)
@SerdeImport(SourceFile.class)
@SerdeImport(TestCase.class)
@SerdeImport(Limits.class)
@SerdeImport(RunResult.class)
@SerdeImport(CompileResult.class)
@SerdeImport(CaseResult.class)
public class RunnerJson {

    private final ObjectMapper mapper;

    RunnerJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
