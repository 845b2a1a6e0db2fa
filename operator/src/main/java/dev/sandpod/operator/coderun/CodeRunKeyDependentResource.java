package dev.sandpod.operator.coderun;

import dev.sandpod.crd.v1alpha1.CodeRun;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The run's result key: 256 random bits the runner signs its result with (see docs/OPERATOR.md). Created
 * once and never updated; the pod reads it as an environment variable.
 */
public class CodeRunKeyDependentResource extends KubernetesDependentResource<Secret, CodeRun>
        implements Creator<Secret, CodeRun>, GarbageCollected<CodeRun> {

    static final String KEY = "key";
    private static final SecureRandom RANDOM = new SecureRandom();

    public CodeRunKeyDependentResource() {
        super(Secret.class);
    }

    static String name(CodeRun run) {
        return run.getMetadata().getName() + "-key";
    }

    /** The key as the runner sees it: the bytes of the environment variable's value. */
    static byte[] bytes(Secret secret) {
        return Base64.getDecoder().decode(secret.getData().get(KEY));
    }

    @Override
    protected Secret desired(CodeRun run, Context<CodeRun> context) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name(run))
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "sandpod", "sandpod.dev/coderun", run.getMetadata().getName()))
                .endMetadata()
                .withImmutable(true)
                .withData(Map.of(KEY, Base64.getEncoder().encodeToString(
                        HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII))))
                .build();
    }
}
