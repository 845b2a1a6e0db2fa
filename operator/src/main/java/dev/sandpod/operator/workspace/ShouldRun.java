package dev.sandpod.operator.workspace;

import dev.sandpod.crd.v1alpha1.Workspace;
import dev.sandpod.crd.v1alpha1.WorkspaceSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The pod exists only while the workspace is Running; Suspended deletes it and keeps the claim. */
public class ShouldRun implements Condition<Pod, Workspace> {

    @Override
    public boolean isMet(DependentResource<Pod, Workspace> dependent, Workspace workspace, Context<Workspace> context) {
        return workspace.getSpec().getOperatingMode() != WorkspaceSpec.OperatingMode.Suspended;
    }
}
