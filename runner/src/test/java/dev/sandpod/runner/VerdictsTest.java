package dev.sandpod.runner;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static dev.sandpod.runner.TestEngine.ENGINE;
import static dev.sandpod.runner.TestEngine.limits;
import static dev.sandpod.runner.TestEngine.only;
import static dev.sandpod.runner.TestEngine.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictsTest {

    @Test
    void compilationErrorStopsBeforeAnyCase() {
        RunResult result = run("c", "int main() { return x; }");
        assertEquals(Verdict.COMPILATION_ERROR, result.verdict());
        assertEquals("ERROR", result.compile().status());
        assertTrue(result.compile().output().contains("undeclared"), result.compile().output());
        assertEquals(List.of(), result.cases());
    }

    @Test
    void segfaultIsARuntimeErrorWithItsSignal() {
        CaseResult result = only(run("c", "int main(){ volatile int *p = 0; return *p; }"));
        assertEquals(Verdict.RUNTIME_ERROR, result.verdict());
        assertEquals("SIGSEGV", result.signal());
        assertNull(result.exitCode());
    }

    @Test
    void divisionByZeroIsSigfpe() {
        CaseResult result = only(run("c", "int main(){ volatile int z = 0; volatile int n = 100; return n / z; }"));
        assertEquals("SIGFPE", result.signal());
    }

    @Test
    void abortIsSigabrt() {
        CaseResult result = only(run("cpp", "#include <cstdlib>\nint main(){ std::abort(); }"));
        assertEquals(Verdict.RUNTIME_ERROR, result.verdict());
        assertEquals("SIGABRT", result.signal());
    }

    @Test
    void nonZeroExitIsARuntimeErrorWithItsCode() {
        CaseResult result = only(run("python", "import sys\nprint('out')\nsys.exit(3)"));
        assertEquals(Verdict.RUNTIME_ERROR, result.verdict());
        assertEquals(3, result.exitCode());
        assertEquals("out\n", result.stdout());
    }

    @Test
    void uncaughtExceptionKeepsItsStderr() {
        CaseResult result = only(run("python", "raise ValueError('boom')"));
        assertEquals(Verdict.RUNTIME_ERROR, result.verdict());
        assertTrue(result.stderr().contains("ValueError: boom"), result.stderr());
    }

    @Test
    void javaHeapExhaustionIsAMemoryLimit() {
        CaseResult result = only(run("java", "public class Main { public static void main(String[] a) {"
                + " java.util.List<long[]> l = new java.util.ArrayList<>(); while (true) l.add(new long[1 << 20]); } }",
                null, limits(10_000, 10_000, 64)));
        assertEquals(Verdict.MEMORY_LIMIT, result.verdict());
    }

    @Test
    void comparisonIgnoresTrailingSpacesAndBlankLines() {
        RunResult result = ENGINE.run(new RunRequest("python", null, "print('a  ')\nprint('b')\nprint()\nprint()",
                null, null, List.of(new TestCase("", "a\nb\n")), null));
        assertEquals(Verdict.OK, result.verdict());
    }

    @Test
    void leadingWhitespaceStillCounts() {
        RunResult result = ENGINE.run(new RunRequest("python", null, "print(' a')", null, null,
                List.of(new TestCase("", "a\n")), null));
        assertEquals(Verdict.WRONG_ANSWER, result.verdict());
    }

    @Test
    void multiFileRunStartsTheFirstFile() {
        RunResult result = ENGINE.run(new RunRequest("python", null, null, List.of(
                new SourceFile("app.py", "from lib.util import greet\nprint(greet('x'))", null),
                new SourceFile("lib/__init__.py", "", null),
                new SourceFile("lib/util.py", Base64.getEncoder().encodeToString("def greet(n): return 'hello ' + n".getBytes()),
                        "base64")), null, null, null));
        assertEquals("hello x\n", only(result).stdout());
    }

    @Test
    void multiFileCRunCompilesTogether() {
        RunResult result = ENGINE.run(new RunRequest("c", null, null, List.of(
                new SourceFile("main.c", "#include \"add.h\"\n#include <stdio.h>\nint main(){printf(\"%d\\n\", add(2,3));}", null),
                new SourceFile("add.h", "static int add(int a, int b) { return a + b; }", null)), null, null, null));
        assertEquals("5\n", only(result).stdout());
    }

    @Test
    void reportsTimesAndMemory() {
        CaseResult result = only(run("python", "x = bytearray(30 * 2**20)\nsum(range(10**6))\nprint('ok')"));
        assertTrue(result.wallTimeMs() > 0 && result.cpuTimeMs() > 0, result.toString());
        assertTrue(result.memoryKb() > 20_000, "peak memory counts the 30 MB buffer: " + result.memoryKb());
    }

    @Test
    void limitsOutOfRangeNameTheField() {
        InvalidRunRequestException error = assertThrows(InvalidRunRequestException.class,
                () -> run("python", "print(1)", null, new Limits(null, null, 100_000, null, null, null)));
        assertEquals("limits.memoryMb", error.field());
        error = assertThrows(InvalidRunRequestException.class,
                () -> run("python", "print(1)", null, new Limits(0L, null, null, null, null, null)));
        assertEquals("limits.wallTimeMs", error.field());
    }

    @Test
    void badRequestsNameTheField() {
        assertEquals("language", assertThrows(InvalidRunRequestException.class, () -> run("cobol", "x")).field());
        assertEquals("language", assertThrows(InvalidRunRequestException.class, () -> run(null, "x")).field());
        assertEquals("source", assertThrows(InvalidRunRequestException.class, () -> run("python", "  ")).field());
        assertEquals("source", assertThrows(InvalidRunRequestException.class,
                () -> ENGINE.run(new RunRequest("python", null, null, null, null, null, null))).field());
        assertEquals("version", assertThrows(InvalidRunRequestException.class,
                () -> ENGINE.run(new RunRequest("python", "2.7", "print(1)", null, null, null, null))).field());
        assertEquals("files[0].encoding", assertThrows(InvalidRunRequestException.class,
                () -> ENGINE.run(new RunRequest("python", null, null, List.of(new SourceFile("a.py", "x", "latin9")),
                        null, null, null))).field());
    }

    @Test
    void cancellingKillsTheRunningProgram() {
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Integer> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public boolean cancelled() {
                return cancel.get();
            }

            @Override
            public void caseFinished(int done, int total) {
                progress.add(done);
                cancel.set(true);
            }
        };
        long start = System.nanoTime();
        assertThrows(RunCancelledException.class, () -> ENGINE.run(new RunRequest("bash", null,
                "read n; [ \"$n\" = 1 ] && echo one || sleep 20", null, null,
                List.of(new TestCase("1\n", null), new TestCase("2\n", null)), limits(20_000, 20_000, 64)), listener));
        assertEquals(List.of(1), progress, "the first case finished before the cancel");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the second case was killed, not waited for");
    }

    @Test
    void aRunCancelledBeforeItGetsASlotNeverStarts() {
        java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
        RunRequest request = new RunRequest("bash", null, "echo ran", null, null, null, null);
        RunListener cancelledAlready = new RunListener() {
            @Override
            public boolean cancelled() {
                return true;
            }

            @Override
            public void started() {
                starts.incrementAndGet();
            }
        };
        assertThrows(RunCancelledException.class, () -> ENGINE.run(request, cancelledAlready));
        assertEquals(0, starts.get(), "no sandbox was started for it");

        RunListener counting = new RunListener() {
            @Override
            public void started() {
                starts.incrementAndGet();
            }
        };
        assertEquals("ran\n", only(ENGINE.run(request, counting)).stdout());
        assertEquals(1, starts.get(), "a run that goes ahead reports its start once");
    }

    @Test
    void aRunWaitingForASlotIsCancelledAtOnce() throws Exception {
        Engine engine = Engine.start(EngineConfig.standard()
                .withWorkRoot(java.nio.file.Files.createTempDirectory("sandpod-one-slot-")).withConcurrency(1));
        try {
            var busy = java.util.concurrent.CompletableFuture.supplyAsync(() -> engine.run(new RunRequest("bash", null,
                    "sleep 3; echo done", null, null, null, limits(10_000, 10_000, 64))));
            Thread.sleep(300); // the only slot is taken
            long start = System.nanoTime();
            RunListener cancelSoon = new RunListener() {
                @Override
                public boolean cancelled() {
                    return System.nanoTime() - start > 200_000_000L;
                }
            };
            assertThrows(RunCancelledException.class, () -> engine.run(new RunRequest("bash", null, "echo waited",
                    null, null, null, null), cancelSoon));
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "cancelled while waiting, not after the busy run");
            assertEquals("done\n", only(busy.get()).stdout());
        } finally {
            engine.close();
        }
    }

    @Test
    void unavailableEngineRefusesWithTheFix() {
        Engine engine = Engine.unavailable(EngineConfig.standard(), "bwrap is missing: install the Debian package bubblewrap");
        EngineUnavailableException error = assertThrows(EngineUnavailableException.class,
                () -> engine.run(new RunRequest("python", null, "print(1)", null, null, null, null)));
        assertTrue(error.getMessage().contains("bubblewrap"));
        assertTrue(engine.languages().find("python").isPresent(), "languages are still listed");
    }
}
