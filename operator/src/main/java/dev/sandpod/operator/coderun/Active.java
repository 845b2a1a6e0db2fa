package dev.sandpod.operator.coderun;

import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The pod and its result key exist only while the run is live: once it is cancelled or finished the
 * workflow deletes them, freeing the node and the namespace quota. A pod is created once: when the
 * status already names one and it is gone, it is never created again (a run never executes twice).
 */
public class Active implements Condition<HasMetadata, CodeRun> {

    @Override
    public boolean isMet(DependentResource<HasMetadata, CodeRun> dependent, CodeRun run, Context<CodeRun> context) {
        boolean podWasCreated = run.getStatus() != null && run.getStatus().getPodName() != null
                && context.getSecondaryResource(Pod.class).isEmpty();
        return !Boolean.TRUE.equals(run.getSpec().getCancelRequested()) && !finished(run) && !podWasCreated;
    }

    static boolean finished(CodeRun run) {
        CodeRunStatus.Phase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
        return phase == CodeRunStatus.Phase.Succeeded || phase == CodeRunStatus.Phase.Failed
                || phase == CodeRunStatus.Phase.Cancelled;
    }
}
