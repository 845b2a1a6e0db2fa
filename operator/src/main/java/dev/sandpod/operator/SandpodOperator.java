package dev.sandpod.operator;

import dev.sandpod.operator.coderun.CodeRunReconciler;
import dev.sandpod.operator.tenancy.TenancyReconciler;
import dev.sandpod.operator.workspace.WorkspaceReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds and runs the operator. Settings ({@link OperatorConfig}): {@code SANDPOD_LEADER_ELECTION}
 * (default true: one active replica, through the Lease {@code sandpod-operator} in
 * {@code SANDPOD_LEASE_NAMESPACE}, else {@code POD_NAMESPACE}), {@code SANDPOD_OPERATOR_HTTP_PORT}
 * (default 8081: probes and metrics).
 */
public final class SandpodOperator {

    private static final Logger LOG = LoggerFactory.getLogger(SandpodOperator.class);
    public static final String LEASE = "sandpod-operator";

    private SandpodOperator() {
    }

    /** An operator on {@code client}; stopping it leaves the client open (the caller owns it). */
    public static Operator create(KubernetesClient client) {
        return create(client, overrider -> { });
    }

    public static Operator create(KubernetesClient client, Consumer<ConfigurationServiceOverrider> more) {
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    // merge patches everywhere: works on every API server, including Fabric8's mock
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false);
            more.accept(overrider);
        });
        operator.register(new CodeRunReconciler());
        operator.register(new TenancyReconciler());
        operator.register(new WorkspaceReconciler());
        return operator;
    }

    /**
     * Leader election and Prometheus metrics as configured, for a deployed operator. A replica that
     * loses its lease exits ({@code exitOnLostLease}), so it never reconciles beside the new leader.
     */
    static Consumer<ConfigurationServiceOverrider> deployment(Map<String, String> config, PrometheusMeterRegistry registry,
                                                              boolean exitOnLostLease) {
        return overrider -> {
            overrider.withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
            if (!"false".equalsIgnoreCase(config.getOrDefault("SANDPOD_LEADER_ELECTION", "true"))) {
                String namespace = config.getOrDefault("SANDPOD_LEASE_NAMESPACE", config.get("POD_NAMESPACE"));
                overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE, namespace,
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null, null, exitOnLostLease));
            }
        };
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> config = OperatorConfig.values();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KubernetesClient client = new KubernetesClientBuilder().build();
        Operator operator = create(client, deployment(config, registry, true));
        OperatorHttp http = new OperatorHttp(Integer.parseInt(config.getOrDefault("SANDPOD_OPERATOR_HTTP_PORT", "8081")),
                operator, registry);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.stop();
            http.close();
            client.close();
        }, "shutdown"));
        operator.start();
        LOG.info("Sandpod operator started; probes and metrics on port {}", http.port());
    }
}
