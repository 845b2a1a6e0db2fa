package dev.sandpod.operator;

import dev.sandpod.runner.lang.Language;
import dev.sandpod.runner.lang.LanguageCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner image can run every catalog language, and the operator picks an image for each. */
class RunnerImageTest {

    private static final Path DOCKERFILE = Path.of("../images/runner/Dockerfile");

    @Test
    void theRunnerImageInstallsEveryCatalogToolchain() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> missing = LanguageCatalog.loadBundled().stream()
                .map(Language::packageName)
                .filter(pkg -> !dockerfile.matches("(?s).*[\\s\\\\]" + java.util.regex.Pattern.quote(pkg) + "[\\s\\\\].*"))
                .toList();
        assertEquals(List.of(), missing, "Debian packages the catalog needs but images/runner/Dockerfile does not install");
        assertTrue(dockerfile.contains("sandpod-runner.jar"));
    }

    @Test
    void everyCatalogLanguageMapsToAnImageAndOverridesApply() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(
                "SANDPOD_RUNNER_IMAGE", "registry.example/runner:1", "SANDPOD_RUNNER_IMAGE_JAVA", "registry.example/java:1"));
        for (Language language : LanguageCatalog.loadBundled()) {
            String image = settings.imageFor(language.id());
            assertEquals(language.id().equals("java") ? "registry.example/java:1" : "registry.example/runner:1", image,
                    language.id());
        }
    }
}
