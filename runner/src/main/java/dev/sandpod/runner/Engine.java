package dev.sandpod.runner;

import dev.sandpod.runner.lang.JavaCompileServer;
import dev.sandpod.runner.lang.Language;
import dev.sandpod.runner.lang.LanguageCatalog;
import dev.sandpod.runner.lang.LanguageStatus;
import dev.sandpod.runner.sandbox.BubblewrapSandbox;
import dev.sandpod.runner.sandbox.Execution;
import dev.sandpod.runner.sandbox.Sandbox;
import dev.sandpod.runner.sandbox.SandboxCommand;
import dev.sandpod.runner.sandbox.SandboxLimits;
import dev.sandpod.runner.sandbox.SandboxProbe;
import dev.sandpod.runner.sandbox.UnsandboxedSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The execution engine: compile once, then run every test case against the same build, each in a
 * fresh sandbox, and judge it. At most {@code concurrency} runs execute at once; the rest wait.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int MB = 1024 * 1024;
    /** How often a run waiting for a slot checks whether it was cancelled. */
    private static final long CANCEL_POLL_MS = 20;

    private final EngineConfig config;
    private final LanguageCatalog catalog;
    private final Sandbox sandbox;
    private final String unavailableReason;
    private final Semaphore slots;
    private final JavaCompileServer javac;

    private Engine(EngineConfig config, LanguageCatalog catalog, Sandbox sandbox, String unavailableReason) {
        this.config = config;
        this.catalog = catalog;
        this.sandbox = sandbox;
        this.unavailableReason = unavailableReason;
        this.slots = new Semaphore(Math.max(1, config.concurrency()), true);
        this.javac = warmJavac(config, catalog, sandbox);
    }

    /** Starts the warm javac in the background when Java is available and the sandbox is bubblewrap. */
    private static JavaCompileServer warmJavac(EngineConfig config, LanguageCatalog catalog, Sandbox sandbox) {
        boolean wanted = config.warmCompilers() && sandbox instanceof BubblewrapSandbox
                && catalog.all().stream().anyMatch(s -> s.available() && "javac".equals(s.language().compileServer()));
        if (!wanted) {
            return null;
        }
        try {
            JavaCompileServer server = new JavaCompileServer((BubblewrapSandbox) sandbox, config.workRoot(),
                    (long) config.compile().memoryMb() * MB);
            Thread starter = new Thread(server::start, "javac-start");
            starter.setDaemon(true);
            starter.start();
            return server;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Warm Java compiler unavailable, using cold javac: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        if (javac != null) {
            javac.close();
        }
    }

    /** Probes the sandbox and every language; never throws for a missing tool, it reports it. */
    public static Engine start(EngineConfig config) {
        LanguageCatalog catalog = LanguageCatalog.probeBundled();
        if (config.isolation() == EngineConfig.Isolation.NONE) {
            LOG.warn("*** isolation: none *** programs run unsandboxed as this user. Development only: "
                    + "never expose this server to untrusted code.");
            return new Engine(config, catalog, new UnsandboxedSandbox(), null);
        }
        SandboxProbe.Outcome probe = SandboxProbe.bubblewrap(config.workRoot());
        if (!probe.available()) {
            LOG.error("Sandbox unavailable, runs are refused: {}", probe.unavailableReason());
            return new Engine(config, catalog, null, probe.unavailableReason());
        }
        if (probe.sweptCgroups() > 0) {
            LOG.warn("Removed {} cgroups left by an earlier process", probe.sweptCgroups());
        }
        LOG.info("Sandbox: {}", probe.sandbox().describe());
        return new Engine(config, catalog, probe.sandbox(), null);
    }

    /** An engine that refuses every run with {@code reason}: what the server holds when it cannot sandbox. */
    public static Engine unavailable(EngineConfig config, String reason) {
        return new Engine(config, LanguageCatalog.probeBundled(), null, reason);
    }

    public boolean available() {
        return sandbox != null;
    }

    /** Why runs are refused, or null when the engine is available. */
    public String unavailableReason() {
        return unavailableReason;
    }

    public String sandboxDescription() {
        return sandbox == null ? "unavailable" : sandbox.describe();
    }

    public LanguageCatalog languages() {
        return catalog;
    }

    public EngineConfig config() {
        return config;
    }

    /**
     * Runs one request to completion.
     *
     * @throws InvalidRunRequestException  when the request is wrong (the field is named)
     * @throws EngineUnavailableException  when this host cannot sandbox code
     */
    public RunResult run(RunRequest request) {
        return run(request, RunListener.NONE);
    }

    /**
     * Runs one request, reporting progress to {@code listener} and stopping when it asks.
     *
     * @throws RunCancelledException when the listener cancelled the run
     */
    public RunResult run(RunRequest request, RunListener listener) {
        if (sandbox == null) {
            throw new EngineUnavailableException(unavailableReason);
        }
        PreparedRun run = prepare(request);
        try {
            while (!slots.tryAcquire(CANCEL_POLL_MS, TimeUnit.MILLISECONDS)) {
                checkCancelled(listener); // a run cancelled while it waits for a slot ends at once
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.internalError(run.language.id(), "interrupted while waiting for a free slot");
        }
        Path dir = config.workRoot().resolve(UUID.randomUUID().toString());
        try {
            checkCancelled(listener);
            listener.started();
            Path box = Files.createDirectories(dir.resolve("box"));
            for (PreparedFile file : run.files) {
                Path target = box.resolve(file.name);
                Files.createDirectories(target.getParent());
                Files.write(target, file.content);
            }
            for (Map.Entry<String, String> support : run.language.supportFiles().entrySet()) {
                Path target = box.resolve(support.getKey());
                if (!Files.exists(target)) {
                    Files.writeString(target, support.getValue());
                }
            }
            sandbox.prepareBox(box);
            return execute(run, box, listener);
        } catch (RunCancelledException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            LOG.error("Run failed inside the engine", e);
            return RunResult.internalError(run.language.id(), "the engine failed: " + e.getClass().getSimpleName());
        } finally {
            slots.release();
            Trees.delete(dir);
        }
    }

    private RunResult execute(PreparedRun run, Path box, RunListener listener) throws IOException {
        Language language = run.language;
        CompileResult compile = CompileResult.skipped();
        if (language.compiled()) {
            compile = compile(run, box, listener);
            checkCancelled(listener);
            if (!compile.succeeded()) {
                return RunResult.of(language.id(), run.version, compile, List.of());
            }
        }
        List<String> argv = expand(language.run(), run);
        SandboxLimits limits = sandboxLimits(run.limits, run.limits.memoryMb() + language.memoryOverheadMb(),
                config.runCpus());
        List<CaseResult> cases = new ArrayList<>();
        for (TestCase testCase : run.cases) {
            byte[] stdin = testCase.stdin() == null ? new byte[0] : testCase.stdin().getBytes(StandardCharsets.UTF_8);
            Execution execution = sandbox.execute(new SandboxCommand(argv, box, false, stdin, language.env(), limits,
                    listener::cancelled));
            checkCancelled(listener);
            cases.add(judge(execution, testCase.expectedOutput()));
            listener.caseFinished(cases.size(), run.cases.size());
        }
        return RunResult.of(language.id(), run.version, compile, cases);
    }

    private static void checkCancelled(RunListener listener) {
        if (listener.cancelled()) {
            throw new RunCancelledException();
        }
    }

    private CompileResult compile(PreparedRun run, Path box, RunListener listener) throws IOException {
        Limits limits = config.compile();
        if (javac != null && "javac".equals(run.language.compileServer())) {
            CompileResult warm = javac.compile(box, limits.wallTimeMs());
            if (warm != null) {
                sandbox.prepareBox(box);
                return warm;
            }
        }
        Execution execution = sandbox.execute(new SandboxCommand(expand(run.language.compile(), run), box, true,
                new byte[0], run.language.compileEnv(), sandboxLimits(limits, limits.memoryMb(), 2.0), listener::cancelled));
        String output = (new String(execution.stdout(), StandardCharsets.UTF_8)
                + new String(execution.stderr(), StandardCharsets.UTF_8)).replace("/box/", "");
        String status;
        if (execution.memoryExceeded()) {
            status = "MEMORY_LIMIT";
        } else if (execution.wallTimeExceeded() || execution.cpuTimeExceeded()) {
            status = "TIME_LIMIT";
        } else if (run.language.compileSucceedsWhen() != null) {
            boolean built = Files.isRegularFile(box.resolve(expand(List.of(run.language.compileSucceedsWhen()), run).get(0)));
            status = built && !execution.outputExceeded() ? "OK" : "ERROR";
        } else {
            status = execution.succeeded() ? "OK" : "ERROR";
        }
        return new CompileResult(status, output, execution.wallMs());
    }

    private static CaseResult judge(Execution execution, String expectedOutput) {
        String stdout = new String(execution.stdout(), StandardCharsets.UTF_8);
        String stderr = new String(execution.stderr(), StandardCharsets.UTF_8);
        Verdict verdict;
        if (execution.memoryExceeded() || stderr.contains("java.lang.OutOfMemoryError")) {
            verdict = Verdict.MEMORY_LIMIT;
        } else if (execution.cpuTimeExceeded() || execution.wallTimeExceeded()) {
            verdict = Verdict.TIME_LIMIT;
        } else if (execution.outputExceeded()) {
            verdict = Verdict.OUTPUT_LIMIT;
        } else if (execution.exitCode() == null || execution.exitCode() != 0) {
            verdict = Verdict.RUNTIME_ERROR;
        } else if (expectedOutput != null && !OutputComparator.matches(expectedOutput, stdout)) {
            verdict = Verdict.WRONG_ANSWER;
        } else {
            verdict = Verdict.OK;
        }
        boolean truncated = execution.outputExceeded();
        return new CaseResult(verdict, execution.exitCode(), execution.signal(), stdout, stderr, truncated, truncated,
                execution.wallMs(), execution.cpuMs(), execution.memoryKb());
    }

    private SandboxLimits sandboxLimits(Limits limits, long memoryMb, double cpus) {
        return new SandboxLimits(limits.wallTimeMs(), limits.cpuTimeMs(), memoryMb * MB, limits.processes(),
                limits.outputBytes(), limits.fileSizeBytes(), config.tmpBytes(), cpus, config.openFiles());
    }

    private static List<String> expand(List<String> template, PreparedRun run) {
        return template.stream()
                .map(arg -> arg.replace("{main}", run.main)
                        .replace("{mainBase}", run.mainBase)
                        .replace("{memoryMb}", Integer.toString(run.limits.memoryMb())))
                .toList();
    }

    // ---- request validation -------------------------------------------------------------------

    private record PreparedFile(String name, byte[] content) {
    }

    private record PreparedRun(Language language, String version, List<PreparedFile> files, String main,
                               String mainBase, List<TestCase> cases, Limits limits) {
    }

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}");
    private static final int MAX_PATH_DEPTH = 8;

    /**
     * Checks a request as {@link #run} would, without running it.
     *
     * @throws InvalidRunRequestException naming the offending field
     */
    public void validate(RunRequest request) {
        prepare(request);
    }

    private PreparedRun prepare(RunRequest request) {
        if (request.language() == null || request.language().isBlank()) {
            throw new InvalidRunRequestException("language", "language is required");
        }
        LanguageStatus status = catalog.find(request.language()).orElseThrow(() -> new InvalidRunRequestException(
                "language", "unknown language '" + request.language() + "'"));
        if (!status.available()) {
            throw new InvalidRunRequestException("language",
                    status.language().id() + " is not available on this server: " + status.unavailableReason());
        }
        Language language = status.language();
        if (request.version() != null && !request.version().isBlank()
                && !status.version().startsWith(request.version().trim())) {
            throw new InvalidRunRequestException("version", "version " + request.version() + " of " + language.id()
                    + " is not available; this server has " + status.version());
        }
        List<PreparedFile> files = files(request, language);
        String main = files.get(0).name;
        int dot = main.lastIndexOf('.');
        String base = main.substring(main.lastIndexOf('/') + 1, dot > main.lastIndexOf('/') ? dot : main.length());
        List<TestCase> cases = request.testCases() != null && !request.testCases().isEmpty()
                ? request.testCases()
                : List.of(new TestCase(request.stdin(), null));
        if (request.testCases() != null && !request.testCases().isEmpty() && request.stdin() != null) {
            throw new InvalidRunRequestException("stdin", "give stdin or testCases, not both");
        }
        return new PreparedRun(language, status.version(), files, main, base, cases, limits(request.limits()));
    }

    private static List<PreparedFile> files(RunRequest request, Language language) {
        boolean hasSource = request.source() != null;
        boolean hasFiles = request.files() != null && !request.files().isEmpty();
        if (hasSource == hasFiles) {
            throw new InvalidRunRequestException(hasSource ? "files" : "source",
                    hasSource ? "give source or files, not both" : "source (or files) is required");
        }
        if (hasSource) {
            if (request.source().isBlank()) {
                throw new InvalidRunRequestException("source", "source is empty");
            }
            return List.of(new PreparedFile(entryName(language, request.source()),
                    request.source().getBytes(StandardCharsets.UTF_8)));
        }
        List<PreparedFile> files = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < request.files().size(); i++) {
            SourceFile file = request.files().get(i);
            String field = "files[" + i + "]";
            if (file == null || file.name() == null) {
                throw new InvalidRunRequestException(field + ".name", "every file needs a name");
            }
            String name = safeName(file.name(), field + ".name");
            if (!seen.add(name)) {
                throw new InvalidRunRequestException(field + ".name", "duplicate file name " + name);
            }
            for (String other : seen) {
                if (name.startsWith(other + "/") || other.startsWith(name + "/")) {
                    throw new InvalidRunRequestException(field + ".name", name + " clashes with " + other
                            + ": a name cannot be both a file and a directory");
                }
            }
            files.add(new PreparedFile(name, decode(file, field)));
        }
        return files;
    }

    /** A relative path of plain segments: no absolute paths, no {@code ..}, no hidden tricks. */
    private static String safeName(String name, String field) {
        String[] segments = name.split("/", -1);
        if (name.isEmpty() || segments.length > MAX_PATH_DEPTH) {
            throw new InvalidRunRequestException(field, "file name must be a relative path of at most "
                    + MAX_PATH_DEPTH + " segments");
        }
        for (String segment : segments) {
            if (!FILE_NAME.matcher(segment).matches() || segment.equals("..") || segment.equals(".")) {
                throw new InvalidRunRequestException(field, "invalid file name '" + name
                        + "': use letters, digits, '_', '-', '.', '+' and '/' between names; no absolute paths or '..'");
            }
        }
        return name;
    }

    private static byte[] decode(SourceFile file, String field) {
        String content = file.content() == null ? "" : file.content();
        String encoding = file.encoding() == null ? "utf8" : file.encoding().toLowerCase(java.util.Locale.ROOT);
        return switch (encoding) {
            case "utf8", "utf-8" -> content.getBytes(StandardCharsets.UTF_8);
            case "base64" -> {
                try {
                    yield java.util.Base64.getMimeDecoder().decode(content);
                } catch (IllegalArgumentException e) {
                    throw new InvalidRunRequestException(field + ".content", "content is not valid base64");
                }
            }
            default -> throw new InvalidRunRequestException(field + ".encoding", "encoding must be utf8 or base64");
        };
    }

    private static String entryName(Language language, String source) {
        if (language.entryNamePattern() != null) {
            Matcher matcher = Pattern.compile(language.entryNamePattern()).matcher(source);
            if (matcher.find()) {
                return matcher.group(1) + language.extension();
            }
        }
        return language.sourceFile();
    }

    private Limits limits(Limits requested) {
        Limits limits = (requested == null ? Limits.none() : requested).orElse(config.defaults());
        Limits max = config.maximums();
        check("limits.wallTimeMs", limits.wallTimeMs(), max.wallTimeMs());
        check("limits.cpuTimeMs", limits.cpuTimeMs(), max.cpuTimeMs());
        check("limits.memoryMb", limits.memoryMb(), max.memoryMb());
        check("limits.processes", limits.processes(), max.processes());
        check("limits.outputBytes", limits.outputBytes(), max.outputBytes());
        check("limits.fileSizeBytes", limits.fileSizeBytes(), max.fileSizeBytes());
        return limits;
    }

    private static void check(String field, long value, long max) {
        if (value < 1 || value > max) {
            throw new InvalidRunRequestException(field, field + " must be between 1 and " + max + ", got " + value);
        }
    }


    /** How many test cases a request holds (1 when it gives only stdin), for progress before it runs. */
    public static int caseCount(RunRequest request) {
        return request.testCases() == null || request.testCases().isEmpty() ? 1 : request.testCases().size();
    }

    /**
     * The longest a valid request can take in the sandbox: its compile limit if the language compiles,
     * plus its wall-time limit for every case.
     */
    public long worstCaseMs(RunRequest request) {
        Limits limits = (request.limits() == null ? Limits.none() : request.limits()).orElse(config.defaults());
        boolean compiled = catalog.find(request.language()).map(l -> l.language().compiled()).orElse(true);
        return (compiled ? config.compile().wallTimeMs() : 0) + caseCount(request) * limits.wallTimeMs();
    }

    /** For tests and health: the run directories currently present (the javac spool is not one). */
    public long leftoverWorkDirs() throws IOException {
        if (!Files.isDirectory(config.workRoot())) {
            return 0;
        }
        try (Stream<Path> children = Files.list(config.workRoot())) {
            return children.filter(Files::isDirectory).filter(dir -> !dir.getFileName().toString().equals("javac-spool"))
                    .count();
        }
    }
}
