package dev.sandpod.operator;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/**
 * Test-only kubelet and scheduler for the mock API server. For each new pod it either runs the pod's
 * runner command for real (the runner CLI with the pod's request file and result key, its output
 * served as the pod log) and sets the pod's final status, or plays one of the failures a real node
 * reports.
 */
public final class NodeSimulator implements AutoCloseable {

    public enum Behaviour { RUN, OOM_KILLED, DEADLINE_EXCEEDED, EVICTED, IMAGE_PULL_BACK_OFF, UNSCHEDULABLE, FORGED_LOG }

    private final KubernetesClient client;
    private final KubernetesMockServer server;
    private final Function<Pod, Behaviour> behaviour;
    private final ExecutorService kubelet = Executors.newFixedThreadPool(2);
    private final Watch watch;

    public NodeSimulator(KubernetesClient client, KubernetesMockServer server, Function<Pod, Behaviour> behaviour) {
        this.client = client;
        this.server = server;
        this.behaviour = behaviour;
        this.watch = client.pods().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.ADDED) {
                    kubelet.submit(() -> simulate(pod));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private void simulate(Pod pod) {
        try {
            switch (behaviour.apply(pod)) {
                case RUN -> run(pod, false);
                case FORGED_LOG -> run(pod, true);
                case OOM_KILLED -> status(pod, terminated("Failed", 137, "OOMKilled", null));
                case DEADLINE_EXCEEDED -> status(pod, new PodStatusBuilder().withPhase("Failed").withReason("DeadlineExceeded")
                        .withMessage("Pod was active on the node longer than the specified deadline").build());
                case EVICTED -> status(pod, new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                        .withMessage("The node was low on resource: ephemeral-storage.").build());
                case IMAGE_PULL_BACK_OFF -> status(pod, new PodStatusBuilder().withPhase("Pending")
                        .withContainerStatuses(new ContainerStatusBuilder().withName("runner").withState(new ContainerStateBuilder()
                                .withNewWaiting().withReason("ImagePullBackOff").withMessage("Back-off pulling image")
                                .endWaiting().build()).build()).build());
                case UNSCHEDULABLE -> status(pod, new PodStatusBuilder().withPhase("Pending").withConditions(
                        new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                                .withMessage("0/3 nodes are available: 3 Insufficient memory.").build()).build());
            }
        } catch (Exception e) {
            throw new IllegalStateException("node simulator failed on " + pod.getMetadata().getName(), e);
        }
    }

    /** Runs the pod's runner as the kubelet would: request file on stdin, result key in the environment. */
    private void run(Pod pod, boolean forged) throws IOException, InterruptedException {
        String namespace = pod.getMetadata().getNamespace();
        var container = pod.getSpec().getContainers().get(0);
        String configMap = pod.getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst()
                .orElseThrow().getConfigMap().getName();
        var keyRef = container.getEnv().stream().filter(e -> e.getName().equals("SANDPOD_RESULT_KEY")).findFirst()
                .orElseThrow().getValueFrom().getSecretKeyRef();
        // like the kubelet, wait for the ConfigMap and Secret the pod refers to
        var requestMap = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.configMaps().inNamespace(namespace).withName(configMap).get(), c -> c != null);
        var secret = await().atMost(Duration.ofSeconds(20)).until(
                () -> client.secrets().inNamespace(namespace).withName(keyRef.getName()).get(), k -> k != null);
        String request = requestMap.getData().get("request.json");
        String key = new String(Base64.getDecoder().decode(secret.getData().get(keyRef.getKey())), StandardCharsets.UTF_8);
        status(pod, new PodStatusBuilder().withPhase("Running").withStartTime(Instant.now().toString()).build());

        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.sandpod.runner.cli.RunnerCli", "--isolation=none")
                .redirectErrorStream(true);
        builder.environment().put("SANDPOD_RESULT_KEY", forged ? "not the key the operator holds" : key);
        Process process = builder.start();
        process.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        server.expect().get().withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod.getMetadata().getName()
                + "/log?pretty=false&container=runner").andReturn(200, log).always();
        int exit = process.exitValue();
        status(pod, terminated(exit == 0 ? "Succeeded" : "Failed", exit, exit == 0 ? "Completed" : "Error", Instant.now().toString()));
    }

    private static PodStatus terminated(String phase, int exitCode, String reason, String startTime) {
        return new PodStatusBuilder().withPhase(phase).withStartTime(startTime)
                .withContainerStatuses(new ContainerStatusBuilder().withName("runner").withState(new ContainerStateBuilder()
                        .withNewTerminated().withExitCode(exitCode).withReason(reason).endTerminated().build()).build())
                .build();
    }

    private void status(Pod pod, PodStatus status) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(current -> {
                    current.setStatus(status);
                    return current;
                });
    }

    @Override
    public void close() throws InterruptedException {
        watch.close();
        kubelet.shutdownNow();
        kubelet.awaitTermination(10, TimeUnit.SECONDS);
    }
}
