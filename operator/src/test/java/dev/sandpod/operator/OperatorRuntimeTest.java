package dev.sandpod.operator;

import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator as deployed: leader election through a Lease, probes and Prometheus metrics, configuration. */
class OperatorRuntimeTest extends MockClusterTest {

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deployedOperatorHoldsALeaseAndServesProbesAndMetrics() throws Exception {
        operator.stop();
        // the API server's answer to JOSDK's permission check before it takes the lease
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewMetadata().endMetadata().withNewStatus()
                        .withIncomplete(false).addNewResourceRule().withApiGroups("coordination.k8s.io")
                        .withResources("leases").withVerbs("*").endResourceRule().endStatus().build()).always();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Operator deployed = SandpodOperator.create(client, SandpodOperator.deployment(
                Map.of("SANDPOD_LEASE_NAMESPACE", "sandpod-system"), registry, false));
        try (OperatorHttp http = new OperatorHttp(0, deployed, registry)) {
            assertEquals(503, get(http.port(), "/healthz").statusCode(), "not started yet");
            deployed.start();
            Lease lease = await().atMost(Duration.ofSeconds(30)).until(() -> client.leases()
                    .inNamespace("sandpod-system").withName(SandpodOperator.LEASE).get(), l -> l != null);
            assertTrue(lease.getSpec().getHolderIdentity() != null && !lease.getSpec().getHolderIdentity().isBlank());

            CodeRun run = new CodeRun();
            run.setMetadata(new ObjectMetaBuilder().withName("led").withNamespace("test").build());
            CodeRunSpec spec = new CodeRunSpec();
            spec.setLanguage("python");
            spec.setSource("print(1)");
            run.setSpec(spec);
            client.resource(run).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace("test").withName("led-run").get() != null);

            assertEquals(200, get(http.port(), "/healthz").statusCode());
            await().atMost(Duration.ofSeconds(10)).until(() -> get(http.port(), "/readyz").statusCode() == 200);
            HttpResponse<String> metrics = get(http.port(), "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("operator_sdk_"), metrics.body().lines().limit(20).toList().toString());
        } finally {
            deployed.stop();
        }
    }

    @Test
    void configurationFileIsReadAndTheEnvironmentWins() throws Exception {
        Path file = Files.createTempFile("operator", ".properties");
        Files.writeString(file, "SANDPOD_RUNNER_IMAGE=registry.example/runner:file\nSANDPOD_STATUS_OUTPUT_BYTES=100\n");
        Map<String, String> values = OperatorConfig.load(Map.of(OperatorConfig.FILE_ENV, file.toString(),
                "SANDPOD_STATUS_OUTPUT_BYTES", "200"));
        OperatorSettings settings = OperatorSettings.fromEnvironment(values);
        assertEquals("registry.example/runner:file", settings.runnerImage());
        assertEquals(200, settings.statusOutputBytes());
        assertThrows(IllegalStateException.class,
                () -> OperatorConfig.load(Map.of(OperatorConfig.FILE_ENV, file + ".missing")));
    }
}
