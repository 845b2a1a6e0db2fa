package dev.sandpod.operator;

import dev.sandpod.operator.coderun.CodeRunReconciler;
import dev.sandpod.operator.tenancy.TenancyReconciler;
import io.javaoperatorsdk.operator.Operator;

/** Starts the operator against the cluster in the environment (kubeconfig or in-cluster service account). */
public final class SandpodOperator {

    private SandpodOperator() {
    }

    /** An operator on {@code client}; stopping it leaves the client open (the caller owns it). */
    public static Operator create(io.fabric8.kubernetes.client.KubernetesClient client) {
        Operator operator = new Operator(overrider -> overrider.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                // merge patches everywhere: works on every API server, including Fabric8's mock
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false));
        operator.register(new CodeRunReconciler());
        operator.register(new TenancyReconciler());
        operator.register(new dev.sandpod.operator.workspace.WorkspaceReconciler());
        return operator;
    }

    public static void main(String[] args) {
        Operator operator = create(new io.fabric8.kubernetes.client.KubernetesClientBuilder().build());
        operator.start();
    }
}
