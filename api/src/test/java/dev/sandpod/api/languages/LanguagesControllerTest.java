package dev.sandpod.api.languages;

import dev.sandpod.api.testing.TestDatabase;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguagesControllerTest implements TestDatabase {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    @SuppressWarnings("unchecked")
    void listsEveryLanguageWithVersionAliasesAndLimits() {
        Map<String, Object> body = client.toBlocking().retrieve("/api/v1/languages", Map.class);
        Map<String, Object> sandbox = (Map<String, Object>) body.get("sandbox");
        assertEquals(true, sandbox.get("available"), String.valueOf(sandbox));
        List<Map<String, Object>> languages = (List<Map<String, Object>>) body.get("languages");
        assertEquals(13, languages.size());
        Map<String, Object> python = languages.stream().filter(l -> l.get("id").equals("python")).findFirst().orElseThrow();
        assertEquals(true, python.get("available"));
        assertTrue(((String) python.get("version")).startsWith("3."), String.valueOf(python));
        assertTrue(((List<String>) python.get("aliases")).containsAll(List.of("py", "python3")));
        Map<String, Object> defaults = (Map<String, Object>) body.get("defaultLimits");
        Map<String, Object> maximums = (Map<String, Object>) body.get("maximumLimits");
        assertEquals(256, defaults.get("memoryMb"));
        assertTrue(((Number) maximums.get("wallTimeMs")).longValue() >= ((Number) defaults.get("wallTimeMs")).longValue());
    }

    @Test
    void readinessIncludesTheEngine() {
        String readiness = client.toBlocking().retrieve("/health/readiness");
        assertTrue(readiness.contains("\"engine\"") && readiness.contains("bubblewrap"), readiness);
    }
}
