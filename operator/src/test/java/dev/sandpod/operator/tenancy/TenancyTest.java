package dev.sandpod.operator.tenancy;

import dev.sandpod.crd.v1alpha1.CodeRun;
import dev.sandpod.crd.v1alpha1.CodeRunSpec;
import dev.sandpod.operator.MockClusterTest;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenancyTest extends MockClusterTest {

    @Test
    void aLabelledNamespaceGetsQuotaLimitsAndADefaultDenyPolicy() {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("team-a")
                .addToLabels(TenancyReconciler.TENANT_LABEL, "true").endMetadata().build()).create();
        assertTenancy("team-a");
    }

    @Test
    void aNamespaceWithACodeRunBecomesATenant() {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata().build()).create();
        CodeRun run = new CodeRun();
        run.setMetadata(new ObjectMetaBuilder().withName("first").withNamespace("team-b").build());
        CodeRunSpec spec = new CodeRunSpec();
        spec.setLanguage("python");
        spec.setSource("print(1)");
        run.setSpec(spec);
        client.resource(run).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> "true".equals(
                client.namespaces().withName("team-b").get().getMetadata().getLabels().get(TenancyReconciler.TENANT_LABEL)));
        assertTenancy("team-b");
    }

    private void assertTenancy(String namespace) {
        NetworkPolicy deny = await().atMost(Duration.ofSeconds(20)).until(() -> client.network().v1().networkPolicies()
                .inNamespace(namespace).withName("sandpod-default-deny").get(), policy -> policy != null);
        assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null
                || deny.getSpec().getPodSelector().getMatchLabels().isEmpty(), "selects every pod");
        assertTrue(deny.getSpec().getIngress() == null || deny.getSpec().getIngress().isEmpty(), "no ingress rule");
        assertTrue(deny.getSpec().getEgress() == null || deny.getSpec().getEgress().isEmpty(), "no egress rule");

        ResourceQuota quota = await().atMost(Duration.ofSeconds(10)).until(() -> client.resourceQuotas()
                .inNamespace(namespace).withName("sandpod-quota").get(), q -> q != null);
        assertEquals(new Quantity("50"), quota.getSpec().getHard().get("pods"));
        assertTrue(quota.getSpec().getHard().containsKey("limits.ephemeral-storage"));

        LimitRange limits = await().atMost(Duration.ofSeconds(10)).until(() -> client.limitRanges()
                .inNamespace(namespace).withName("sandpod-limits").get(), l -> l != null);
        assertEquals("Container", limits.getSpec().getLimits().get(0).getType());
        assertEquals(new Quantity("4Gi"), limits.getSpec().getLimits().get(0).getMax().get("memory"));
    }
}
