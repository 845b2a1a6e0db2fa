package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** The status shape every Sandpod resource shares: conditions, its pod, and the generation observed. */
public abstract class ResourceStatus {

    @JsonPropertyDescription("Conditions: Succeeded for a CodeRun (Unknown while running, then True or False with a "
            + "CamelCase reason), Ready for a Workspace.")
    private List<Condition> conditions;

    @JsonPropertyDescription("The pod of this resource, while one exists.")
    private String podName;

    @JsonPropertyDescription("The spec generation this status describes.")
    private Long observedGeneration;

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getPodName() {
        return podName;
    }

    public void setPodName(String podName) {
        this.podName = podName;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }
}
