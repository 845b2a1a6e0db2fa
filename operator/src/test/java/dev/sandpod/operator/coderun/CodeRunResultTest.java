package dev.sandpod.operator.coderun;

import dev.sandpod.crd.v1alpha1.CaseStatus;
import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunSpec;
import dev.sandpod.crd.v1alpha1.CodeRunStatus;
import dev.sandpod.crd.v1alpha1.Condition;
import dev.sandpod.crd.v1alpha1.TestCaseSpec;
import dev.sandpod.operator.MockClusterTest;
import dev.sandpod.operator.NodeSimulator;
import dev.sandpod.operator.NodeSimulator.Behaviour;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A CodeRun's whole path: operator → pod → (simulated) node running the real runner → status. */
class CodeRunResultTest extends MockClusterTest {

    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private NodeSimulator node;

    private NodeSimulator node() {
        if (node == null) {
            node = new NodeSimulator(client, server,
                    pod -> behaviours.getOrDefault(pod.getMetadata().getLabels().get("sandpod.dev/coderun"), Behaviour.RUN));
        }
        return node;
    }

    @AfterEach
    void stopNode() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    private CodeRun submit(String name, String language, String source, List<TestCaseSpec> cases, Behaviour behaviour) {
        behaviours.put(name, behaviour);
        node();
        CodeRun run = new CodeRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("test").build());
        CodeRunSpec spec = new CodeRunSpec();
        spec.setLanguage(language);
        spec.setSource(source);
        spec.setTestCases(cases);
        run.setSpec(spec);
        client.resource(run).create();
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> client.resources(CodeRun.class).inNamespace("test").withName(name).get(),
                r -> r.getStatus() != null && r.getStatus().getCompletionTime() != null);
    }

    private static Condition succeeded(CodeRun run) {
        return run.getStatus().getConditions().stream().filter(c -> c.type().equals("Succeeded")).findFirst().orElseThrow();
    }

    private void assertPodAndKeyRemoved(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.pods().inNamespace("test").withName(name + "-run").get() == null
                && client.secrets().inNamespace("test").withName(name + "-key").get() == null);
    }

    @Test
    void passingTestCasesReachSucceededWithTheirOutputs() {
        CodeRun run = submit("doubles", "python", "print(int(input()) * 2)",
                List.of(new TestCaseSpec("2\n", "4\n"), new TestCaseSpec("21\n", "42\n")), Behaviour.RUN);
        CodeRunStatus status = run.getStatus();
        assertEquals(CodeRunStatus.Phase.Succeeded, status.getPhase());
        assertEquals("OK", status.getVerdict());
        assertEquals("True", succeeded(run).status());
        assertEquals("Completed", succeeded(run).reason());
        assertEquals(List.of("4\n", "42\n"), status.getCases().stream().map(CaseStatus::stdout).toList());
        assertEquals("SKIPPED", status.getCompile().status());
        assertEquals("doubles-run", status.getPodName());
        assertNotNull(status.getStartTime());
        assertEquals(run.getMetadata().getGeneration(), status.getObservedGeneration());
        assertPodAndKeyRemoved("doubles");
    }

    @Test
    void wrongAnswerIsAVerdictNotAFailure() {
        CodeRun run = submit("wrong", "python", "print(5)", List.of(new TestCaseSpec("", "4\n")), Behaviour.RUN);
        assertEquals(CodeRunStatus.Phase.Succeeded, run.getStatus().getPhase());
        assertEquals("WRONG_ANSWER", run.getStatus().getVerdict());
        assertEquals("WrongAnswer", succeeded(run).reason());
    }

    @Test
    void compilationErrorKeepsTheCompilerOutput() {
        CodeRun run = submit("broken", "c", "int main( { return 0; }", null, Behaviour.RUN);
        assertEquals("COMPILATION_ERROR", run.getStatus().getVerdict());
        assertEquals("CompilationError", succeeded(run).reason());
        assertTrue(run.getStatus().getCompile().output().contains("error"), run.getStatus().getCompile().output());
    }

    @Test
    void outputsInTheStatusAreCutAndFlagged() {
        CodeRun run = submit("chatty", "python", "print('x' * 10000)", null, Behaviour.RUN);
        CaseStatus only = run.getStatus().getCases().get(0);
        assertEquals(4096, only.stdout().length());
        assertTrue(only.stdoutTruncated());
    }

    @Test
    void logWithoutAResultSignedWithTheRunsKeyIsNotBelieved() {
        CodeRun run = submit("forged", "python", "print('OK')", null, Behaviour.FORGED_LOG);
        assertEquals(CodeRunStatus.Phase.Failed, run.getStatus().getPhase());
        assertEquals("ResultMissing", succeeded(run).reason());
        assertNull(run.getStatus().getVerdict());
        assertNull(run.getStatus().getCases());
    }

    @Test
    void oomKilledPodFailsWithReasonOOMKilled() {
        CodeRun run = submit("oom", "python", "x = ' ' * 10**10", null, Behaviour.OOM_KILLED);
        assertEquals(CodeRunStatus.Phase.Failed, run.getStatus().getPhase());
        assertEquals("False", succeeded(run).status());
        assertEquals("OOMKilled", succeeded(run).reason());
        assertPodAndKeyRemoved("oom");
    }

    @Test
    void podPastItsDeadlineFailsWithReasonDeadlineExceeded() {
        CodeRun run = submit("slow", "python", "while True: pass", null, Behaviour.DEADLINE_EXCEEDED);
        assertEquals("DeadlineExceeded", succeeded(run).reason());
        assertEquals(CodeRunStatus.Phase.Failed, run.getStatus().getPhase());
    }

    @Test
    void evictedPodFailsWithReasonEvicted() {
        CodeRun run = submit("evicted", "python", "print(1)", null, Behaviour.EVICTED);
        assertEquals("Evicted", succeeded(run).reason());
        assertTrue(succeeded(run).message().contains("ephemeral-storage"));
    }

    @Test
    void unpullableImageFailsWithReasonImagePullBackOffAndFreesThePod() {
        CodeRun run = submit("noimage", "python", "print(1)", null, Behaviour.IMAGE_PULL_BACK_OFF);
        assertEquals("ImagePullBackOff", succeeded(run).reason());
        assertPodAndKeyRemoved("noimage");
    }

    @Test
    void unschedulablePodIsReportedWhileItWaits() {
        behaviours.put("stuck", Behaviour.UNSCHEDULABLE);
        node();
        CodeRun run = new CodeRun();
        run.setMetadata(new ObjectMetaBuilder().withName("stuck").withNamespace("test").build());
        CodeRunSpec spec = new CodeRunSpec();
        spec.setLanguage("python");
        spec.setSource("print(1)");
        run.setSpec(spec);
        client.resource(run).create();
        CodeRun seen = await().atMost(Duration.ofSeconds(30)).until(
                () -> client.resources(CodeRun.class).inNamespace("test").withName("stuck").get(),
                r -> r.getStatus() != null && r.getStatus().getConditions() != null
                        && "Unschedulable".equals(succeeded(r).reason()));
        assertEquals(CodeRunStatus.Phase.Pending, seen.getStatus().getPhase());
        assertEquals("Unknown", succeeded(seen).status());
        assertTrue(succeeded(seen).message().contains("Insufficient memory"));
    }
}
