package dev.sandpod.operator.tenancy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;

/**
 * Every namespace labelled {@code sandpod.dev/tenant} (the CodeRun reconciler labels the namespaces it
 * works in) keeps a ResourceQuota, a LimitRange and a default-deny NetworkPolicy.
 */
@Workflow(dependents = {
        @Dependent(name = "quota", type = TenantResources.Quota.class),
        @Dependent(name = "limits", type = TenantResources.Limits.class),
        @Dependent(name = "deny-all", type = TenantResources.DenyAll.class)})
@ControllerConfiguration(informer = @io.javaoperatorsdk.operator.api.config.informer.Informer(
        labelSelector = TenancyReconciler.TENANT_LABEL))
public class TenancyReconciler implements Reconciler<Namespace> {

    public static final String TENANT_LABEL = "sandpod.dev/tenant";

    @Override
    public UpdateControl<Namespace> reconcile(Namespace namespace, Context<Namespace> context) {
        return UpdateControl.noUpdate();
    }
}
