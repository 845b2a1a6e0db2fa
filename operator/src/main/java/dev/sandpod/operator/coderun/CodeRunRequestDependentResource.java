package dev.sandpod.operator.coderun;

import dev.sandpod.crd.v1alpha1.CodeRun;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

import java.util.Map;

/** The run request, as the runner reads it, in a ConfigMap the pod mounts read-only. */
public class CodeRunRequestDependentResource extends CRUDKubernetesDependentResource<ConfigMap, CodeRun> {

    static final String KEY = "request.json";

    public CodeRunRequestDependentResource() {
        super(ConfigMap.class);
    }

    static String name(CodeRun run) {
        return run.getMetadata().getName() + "-request";
    }

    @Override
    protected ConfigMap desired(CodeRun run, Context<CodeRun> context) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(run))
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "sandpod", "sandpod.dev/coderun", run.getMetadata().getName()))
                .endMetadata()
                .withImmutable(false)
                .withData(Map.of(KEY, CodeRunRequests.json(run)))
                .build();
    }
}
