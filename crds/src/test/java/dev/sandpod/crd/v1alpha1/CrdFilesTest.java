package dev.sandpod.crd.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrdFilesTest {

    private static final List<String> CRDS = List.of("coderuns.sandpod.dev-v1.yml", "workspaces.sandpod.dev-v1.yml");

    @Test
    void committedCrdsMatchWhatTheBuildGenerates() throws IOException {
        for (String name : CRDS) {
            assertEquals(generated(name), Files.readString(Path.of(name)),
                    "crds/" + name + " is stale: run crds/update and commit the result");
        }
    }

    @Test
    void chartCrdsMatchWhatTheBuildGenerates() throws IOException {
        for (String name : CRDS) {
            assertEquals(generated(name), Files.readString(Path.of("../helm/sandpod/crds", name)),
                    "helm/sandpod/crds/" + name + " is stale: run crds/update and commit the result");
        }
    }

    @Test
    void everyFieldHasADescriptionForKubectlExplain() throws IOException {
        for (String name : CRDS) {
            CustomResourceDefinition crd = Serialization.unmarshal(generated(name), CustomResourceDefinition.class);
            JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
            List<String> missing = new ArrayList<>();
            for (String top : List.of("spec", "status")) {
                undescribed(top, root.getProperties().get(top), missing);
            }
            assertEquals(List.of(), missing, name + ": fields without a description");
        }
    }

    @Test
    void codeRunHasItsColumnsStatusSubresourceAndShortNames() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(generated(CRDS.get(0)), CustomResourceDefinition.class);
        var version = crd.getSpec().getVersions().get(0);
        assertNotNull(version.getSubresources().getStatus());
        assertEquals(List.of("Age", "Language", "Phase", "Verdict"),
                version.getAdditionalPrinterColumns().stream().map(c -> c.getName()).sorted().toList());
        assertTrue(crd.getSpec().getNames().getShortNames().contains("crun"));
        assertEquals(List.of("language"), version.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getRequired());
    }

    @Test
    void examplesParseIntoTheModel() throws IOException {
        CodeRun hello = Serialization.unmarshal(Files.readString(Path.of("examples/hello-python.yaml")), CodeRun.class);
        assertEquals("python", hello.getSpec().getLanguage());
        assertEquals("world", hello.getSpec().getStdin());
        CodeRun cases = Serialization.unmarshal(Files.readString(Path.of("examples/cpp-test-cases.yaml")), CodeRun.class);
        assertEquals(3, cases.getSpec().getTestCases().size());
        assertEquals(128, cases.getSpec().getLimits().memoryMb());
    }

    private static void undescribed(String path, JSONSchemaProps schema, List<String> missing) {
        if (schema.getDescription() == null || schema.getDescription().isBlank()) {
            missing.add(path);
        }
        Map<String, JSONSchemaProps> properties = schema.getProperties();
        if (properties != null) {
            properties.forEach((name, child) -> undescribed(path + "." + name, child, missing));
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null
                && schema.getItems().getSchema().getProperties() != null) {
            schema.getItems().getSchema().getProperties()
                    .forEach((name, child) -> undescribed(path + "[]." + name, child, missing));
        }
    }

    private static String generated(String name) throws IOException {
        try (InputStream in = CrdFilesTest.class.getResourceAsStream("/META-INF/fabric8/" + name)) {
            assertNotNull(in, "the build generates " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
