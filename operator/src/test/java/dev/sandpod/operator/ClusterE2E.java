package dev.sandpod.operator;

import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunStatus;
import dev.sandpod.crd.v1alpha1.Workspace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The CRDs and the operator on a real API server (k3s): the generated CRDs are accepted, the pods the
 * operator makes pass Pod Security "restricted" admission, a run whose image cannot be pulled fails
 * with ImagePullBackOff, and a workspace gets its claim. Skipped where Docker is missing.
 */
@Testcontainers(disabledWithoutDocker = true)
class ClusterE2E {

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    static KubernetesClient client;
    static Operator operator;

    @BeforeAll
    static void install() throws IOException {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
        for (String crd : new String[]{"coderuns.sandpod.dev-v1.yml", "workspaces.sandpod.dev-v1.yml"}) {
            try (var in = new FileInputStream(Path.of("../crds", crd).toFile())) {
                client.load(in).serverSideApply();
            }
        }
        client.resource(new NamespaceBuilder().withNewMetadata().withName("tenant")
                .withLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted")).endMetadata().build()).serverSideApply();
        operator = SandpodOperator.create(client);
        operator.start();
    }

    @AfterAll
    static void uninstall() {
        if (operator != null) {
            operator.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void codeRunPodIsAdmittedAsRestrictedAndAnUnpullableImageFailsTheRun() throws IOException {
        CodeRun run = Serialization.unmarshal(Files.readString(Path.of("../crds/examples/hello-python.yaml")), CodeRun.class);
        run.getMetadata().setNamespace("tenant");
        client.resource(run).create();
        String name = run.getMetadata().getName();
        await().atMost(Duration.ofMinutes(2)).until(() -> client.pods().inNamespace("tenant").withName(name + "-run").get() != null);
        CodeRun failed = await().atMost(Duration.ofMinutes(3)).until(
                () -> client.resources(CodeRun.class).inNamespace("tenant").withName(name).get(),
                r -> r.getStatus() != null && r.getStatus().getPhase() == CodeRunStatus.Phase.Failed);
        assertEquals("ImagePullBackOff", failed.getStatus().getConditions().get(0).reason());
        assertNotNull(client.resourceQuotas().inNamespace("tenant").withName("sandpod-quota").get());
    }

    @Test
    void workspaceGetsItsClaimAndARestrictedPod() {
        Workspace workspace = Serialization.unmarshal("""
                apiVersion: sandpod.dev/v1alpha1
                kind: Workspace
                metadata: {name: ide, namespace: tenant}
                spec: {owner: "1", operatingMode: Running}
                """, Workspace.class);
        client.resource(workspace).create();
        await().atMost(Duration.ofMinutes(2)).until(() -> client.persistentVolumeClaims().inNamespace("tenant")
                .withName("ide-data").get() != null && client.pods().inNamespace("tenant").withName("ide-ws").get() != null);
    }
}
