package dev.sandpod.operator.coderun;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodFailuresTest {

    private static Pod unschedulableSince(Instant created) {
        return new PodBuilder().withNewMetadata().withName("p").withCreationTimestamp(created.toString()).endMetadata()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/1 nodes are available").endCondition().endStatus().build();
    }

    @Test
    void unschedulableFailsOnlyAfterTheSchedulingTimeout() {
        Instant now = Instant.now();
        assertTrue(PodFailures.of(unschedulableSince(now.minusSeconds(10)), Duration.ofMinutes(5), now).isEmpty());
        var failure = PodFailures.of(unschedulableSince(now.minusSeconds(301)), Duration.ofMinutes(5), now).orElseThrow();
        assertEquals("Unschedulable", failure.reason());
        assertEquals("0/1 nodes are available", failure.message());
    }

    @Test
    void verdictsBecomeCamelCaseReasons() {
        assertEquals("Completed", CodeRunResults.reason(dev.sandpod.runner.Verdict.OK));
        assertEquals("TimeLimit", CodeRunResults.reason(dev.sandpod.runner.Verdict.TIME_LIMIT));
        assertEquals("OutputLimit", CodeRunResults.reason(dev.sandpod.runner.Verdict.OUTPUT_LIMIT));
    }
}
