package dev.sandpod.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Fabric8's mock API server in CRUD mode with the Sandpod operator running against it, per test. */
@EnableKubernetesMockClient(crud = true)
public abstract class MockClusterTest {

    protected KubernetesClient client;
    protected KubernetesMockServer server;
    protected Operator operator;

    @BeforeEach
    void startOperator() {
        operator = SandpodOperator.create(client);
        operator.start();
    }

    @AfterEach
    void stopOperator() {
        operator.stop();
    }

    /** Stops the operator and starts a fresh one on the same cluster, as a pod restart would. */
    protected void restartOperator() {
        operator.stop();
        operator = SandpodOperator.create(client);
        operator.start();
    }
}
