package dev.sandpod.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** What a workspace should be. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkspaceSpec {

    /** Whether the workspace's pod should exist. */
    public enum OperatingMode { Running, Suspended }

    @Required
    @JsonPropertyDescription("The user who owns the workspace (the API's user id).")
    private String owner;

    @JsonPropertyDescription("Container image of the workspace pod; default the operator's workspace image.")
    private String image;

    @JsonPropertyDescription("CPU and memory of the workspace pod (requests = limits).")
    private WorkspaceResources resources;

    @JsonPropertyDescription("The persistent volume holding the workspace's files.")
    private WorkspaceStorage storage;

    @Default("Running")
    @JsonPropertyDescription("Running: the pod exists. Suspended: the pod is deleted, the volume kept.")
    private OperatingMode operatingMode;

    @Pattern("^([0-9]+(s|m|h))+$")
    @JsonPropertyDescription("Suspend after this long without activity, e.g. 30m or 1h30m; unset: never.")
    private String idleTimeout;

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public WorkspaceResources getResources() {
        return resources;
    }

    public void setResources(WorkspaceResources resources) {
        this.resources = resources;
    }

    public WorkspaceStorage getStorage() {
        return storage;
    }

    public void setStorage(WorkspaceStorage storage) {
        this.storage = storage;
    }

    public OperatingMode getOperatingMode() {
        return operatingMode;
    }

    public void setOperatingMode(OperatingMode operatingMode) {
        this.operatingMode = operatingMode;
    }

    public String getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(String idleTimeout) {
        this.idleTimeout = idleTimeout;
    }
}
