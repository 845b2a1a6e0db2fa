package dev.sandpod.operator.workspace;

import dev.sandpod.crd.v1alpha1.Workspace;
import dev.sandpod.crd.v1alpha1.WorkspaceStorage;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

import java.util.Map;

/** The workspace's files: a claim that outlives every suspension and goes only with the Workspace. */
public class WorkspacePvcDependentResource extends KubernetesDependentResource<PersistentVolumeClaim, Workspace>
        implements Creator<PersistentVolumeClaim, Workspace>, GarbageCollected<Workspace> {

    public WorkspacePvcDependentResource() {
        super(PersistentVolumeClaim.class);
    }

    static String name(Workspace workspace) {
        return workspace.getMetadata().getName() + "-data";
    }

    @Override
    protected PersistentVolumeClaim desired(Workspace workspace, Context<Workspace> context) {
        WorkspaceStorage storage = workspace.getSpec().getStorage();
        String size = storage == null || storage.size() == null ? "1Gi" : storage.size();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name(workspace))
                .withNamespace(workspace.getMetadata().getNamespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "sandpod", "sandpod.dev/workspace",
                        workspace.getMetadata().getName()))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storage == null ? null : storage.storageClassName())
                .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources()
                .endSpec()
                .build();
    }
}
