package dev.sandpod.operator.tenancy;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

import java.util.Map;

/** The three objects every tenant namespace gets, each named {@code sandpod-…}. */
final class TenantResources {

    static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "sandpod");
    private static final TenancySettings SETTINGS = TenancySettings.fromEnvironment(dev.sandpod.operator.OperatorConfig.values());

    private TenantResources() {
    }

    /** Caps what the namespace's pods may request in total. */
    public static class Quota extends CRUDKubernetesDependentResource<ResourceQuota, Namespace> {
        public Quota() {
            super(ResourceQuota.class);
        }

        @Override
        protected ResourceQuota desired(Namespace namespace, Context<Namespace> context) {
            return new ResourceQuotaBuilder()
                    .withNewMetadata().withName("sandpod-quota").withNamespace(namespace.getMetadata().getName())
                    .withLabels(LABELS).endMetadata()
                    .withNewSpec().withHard(Map.of(
                            "pods", new Quantity(SETTINGS.pods()),
                            "requests.cpu", new Quantity(SETTINGS.cpu()), "limits.cpu", new Quantity(SETTINGS.cpu()),
                            "requests.memory", new Quantity(SETTINGS.memory()), "limits.memory", new Quantity(SETTINGS.memory()),
                            "requests.ephemeral-storage", new Quantity(SETTINGS.ephemeralStorage()),
                            "limits.ephemeral-storage", new Quantity(SETTINGS.ephemeralStorage())))
                    .endSpec().build();
        }
    }

    /** Gives containers that name no resources a small default, and caps any one container. */
    public static class Limits extends CRUDKubernetesDependentResource<LimitRange, Namespace> {
        public Limits() {
            super(LimitRange.class);
        }

        @Override
        protected LimitRange desired(Namespace namespace, Context<Namespace> context) {
            Map<String, Quantity> fallback = Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi"),
                    "ephemeral-storage", new Quantity("256Mi"));
            return new LimitRangeBuilder()
                    .withNewMetadata().withName("sandpod-limits").withNamespace(namespace.getMetadata().getName())
                    .withLabels(LABELS).endMetadata()
                    .withNewSpec().addNewLimit().withType("Container")
                    .withDefault(fallback).withDefaultRequest(fallback)
                    .withMax(Map.of("cpu", new Quantity(SETTINGS.containerMaxCpu()),
                            "memory", new Quantity(SETTINGS.containerMaxMemory())))
                    .endLimit().endSpec().build();
        }
    }

    /** No traffic in or out of any pod of the namespace: untrusted code gets no network. */
    public static class DenyAll extends CRUDKubernetesDependentResource<NetworkPolicy, Namespace> {
        public DenyAll() {
            super(NetworkPolicy.class);
        }

        @Override
        protected NetworkPolicy desired(Namespace namespace, Context<Namespace> context) {
            return new NetworkPolicyBuilder()
                    .withNewMetadata().withName("sandpod-default-deny").withNamespace(namespace.getMetadata().getName())
                    .withLabels(LABELS).endMetadata()
                    .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec()
                    .build();
        }
    }
}
