package dev.sandpod.operator.coderun;

import dev.sandpod.crd.v1alpha1.CodeRun;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The pod exists only while the run is not cancelled: when this turns false, the workflow deletes it. */
public class NotCancelled implements Condition<Pod, CodeRun> {

    @Override
    public boolean isMet(DependentResource<Pod, CodeRun> dependent, CodeRun run, Context<CodeRun> context) {
        return !Boolean.TRUE.equals(run.getSpec().getCancelRequested());
    }
}
