package dev.sandpod.runner.lang;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The languages this engine knows, loaded from {@code languages.json}, each probed once on this host:
 * a language whose toolchain is missing is reported unavailable with the Debian package that provides
 * it, never a crash.
 */
public final class LanguageCatalog {

    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+)");
    private static final long PROBE_TIMEOUT_SECONDS = 15;

    private final Map<String, LanguageStatus> byId;
    private final Map<String, String> idByName;
    private final List<LanguageStatus> ordered;

    private LanguageCatalog(List<LanguageStatus> statuses) {
        Map<String, LanguageStatus> ids = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (LanguageStatus status : statuses) {
            Language language = status.language();
            ids.put(language.id(), status);
            names.put(language.id(), language.id());
            language.aliases().forEach(alias -> names.put(alias.toLowerCase(Locale.ROOT), language.id()));
        }
        this.byId = Map.copyOf(ids);
        this.idByName = Map.copyOf(names);
        this.ordered = List.copyOf(ids.values());
    }

    /** Loads the bundled catalog and probes every toolchain in parallel. */
    public static LanguageCatalog probeBundled() {
        return probe(loadBundled());
    }

    public static List<Language> loadBundled() {
        try (InputStream in = LanguageCatalog.class.getResourceAsStream("languages.json")) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled language catalog is unreadable", e);
        }
    }

    static List<Language> parse(InputStream in) throws IOException {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return List.copyOf(mapper.readValue(in, CatalogFile.class).languages());
    }

    public static LanguageCatalog probe(List<Language> languages) {
        List<CompletableFuture<LanguageStatus>> probes = new ArrayList<>();
        for (Language language : languages) {
            probes.add(CompletableFuture.supplyAsync(() -> probe(language)));
        }
        return new LanguageCatalog(probes.stream().map(CompletableFuture::join).toList());
    }

    /** Finds a language by id or alias, case-insensitively. */
    public Optional<LanguageStatus> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String id = idByName.get(name.trim().toLowerCase(Locale.ROOT));
        return Optional.ofNullable(id).map(byId::get);
    }

    public List<LanguageStatus> all() {
        return ordered;
    }

    private static LanguageStatus probe(Language language) {
        List<String> tools = new ArrayList<>(language.versionCommand().subList(0, 1));
        if (language.compiled()) {
            tools.add(language.compile().get(0));
        }
        if (language.run().get(0).startsWith("/")) {
            tools.add(language.run().get(0));
        }
        for (String tool : tools) {
            if (!Files.isExecutable(Path.of(tool))) {
                return new LanguageStatus(language, false, null,
                        tool + " is missing: install the Debian package " + language.packageName());
            }
        }
        try {
            Process process = new ProcessBuilder(language.versionCommand()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return new LanguageStatus(language, false, null, "the version probe of " + tools.get(0) + " failed");
            }
            Matcher version = VERSION.matcher(output);
            return new LanguageStatus(language, true, version.find() ? version.group(1) : output.strip(), null);
        } catch (IOException e) {
            return new LanguageStatus(language, false, null, "cannot start " + tools.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LanguageStatus(language, false, null, "interrupted while probing");
        }
    }

    record CatalogFile(List<Language> languages) {
    }
}
