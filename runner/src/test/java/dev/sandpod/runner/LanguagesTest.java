package dev.sandpod.runner;

import dev.sandpod.runner.lang.Language;
import dev.sandpod.runner.lang.LanguageCatalog;
import dev.sandpod.runner.lang.LanguageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.sandpod.runner.TestEngine.ENGINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every catalog language, compiled and run for real, plus how the catalog reports and resolves them. */
class LanguagesTest {

    static Stream<Arguments> helloWorlds() {
        return Stream.of(
                Arguments.of("python", "print('hi', input())"),
                Arguments.of("c", "#include <stdio.h>\nint main(){char s[99];scanf(\"%98s\",s);printf(\"hi %s\\n\",s);}"),
                Arguments.of("cpp", "#include <iostream>\nint main(){std::string s;std::cin>>s;std::cout<<\"hi \"<<s<<\"\\n\";}"),
                Arguments.of("java", "import java.util.*;\npublic class Hello { public static void main(String[] a) {"
                        + " System.out.println(\"hi \" + new Scanner(System.in).next()); } }"),
                Arguments.of("javascript", "const s = require('fs').readFileSync(0, 'utf8').trim(); console.log('hi ' + s);"),
                Arguments.of("typescript", "const s: string = require('fs').readFileSync(0, 'utf8').trim(); console.log('hi ' + s);"),
                Arguments.of("php", "<?php echo 'hi ' . trim(fgets(STDIN)) . \"\\n\";"),
                Arguments.of("pascal", "var s: string; begin readln(s); writeln('hi ', s); end."),
                Arguments.of("ruby", "puts 'hi ' + gets.strip"),
                Arguments.of("go", "package main\nimport \"fmt\"\nfunc main() { var s string; fmt.Scan(&s); fmt.Println(\"hi\", s) }"),
                Arguments.of("bash", "read x; echo \"hi $x\""),
                Arguments.of("lua", "print('hi ' .. io.read())"),
                Arguments.of("perl", "my $x = <STDIN>; chomp $x; print \"hi $x\\n\";"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("helloWorlds")
    void everyLanguageCompilesOnceAndRunsEveryCase(String language, String source) {
        RunResult result = ENGINE.run(new RunRequest(language, null, source, null, null,
                List.of(new TestCase("bob\n", "hi bob\n"), new TestCase("ann\n", "hi ann"), new TestCase("eve\n", "hi bob\n")),
                null));
        assertTrue(result.compile().succeeded(), () -> language + " compile: " + result.compile());
        assertEquals(3, result.cases().size());
        assertEquals(Verdict.OK, result.cases().get(0).verdict(), () -> language + ": " + result.cases().get(0));
        assertEquals(Verdict.OK, result.cases().get(1).verdict(), "trailing newline does not matter");
        assertEquals(Verdict.WRONG_ANSWER, result.cases().get(2).verdict());
        assertEquals(Verdict.WRONG_ANSWER, result.verdict());
        assertEquals(language, result.language());
    }

    @Test
    void everyCatalogLanguageHasAHelloWorldHere() {
        List<String> tested = helloWorlds().map(arguments -> (String) arguments.get()[0]).toList();
        List<String> catalog = LanguageCatalog.loadBundled().stream().map(Language::id).toList();
        assertEquals(catalog, tested);
    }

    @Test
    void everyLanguageIsAvailableWithAProbedVersion() {
        for (LanguageStatus status : ENGINE.languages().all()) {
            assertTrue(status.available(), () -> status.language().id() + ": " + status.unavailableReason());
            assertTrue(status.version().matches("\\d+(\\.\\d+)+"), () -> status.language().id() + " " + status.version());
        }
    }

    @Test
    void aliasesResolveCaseInsensitively() {
        Map<String, String> aliases = Map.of("js", "javascript", "node", "javascript", "c++", "cpp", "PY", "python",
                "python3", "python", "ts", "typescript", "golang", "go", "Java", "java");
        aliases.forEach((alias, id) -> assertEquals(id, ENGINE.languages().find(alias).orElseThrow().language().id(), alias));
        assertTrue(ENGINE.languages().find("cobol").isEmpty());
    }

    @Test
    void aMissingToolchainIsReportedUnavailableWithItsPackage() {
        Language ghost = new Language("ghost", "Ghost", List.of(), "main.gh", "ghost-lang", null, null, null, null,
                List.of("/usr/bin/ghost-lang-does-not-exist", "{main}"), null, 0, null, null,
                List.of("/usr/bin/ghost-lang-does-not-exist", "--version"));
        LanguageStatus status = LanguageCatalog.probe(List.of(ghost)).all().get(0);
        assertFalse(status.available());
        assertTrue(status.unavailableReason().contains("install the Debian package ghost-lang"), status.unavailableReason());
    }
}
