/**
 * Custom resources of group {@code sandpod.dev}, version {@code v1alpha1}: CodeRun and Workspace.
 * The model classes arrive with the Kubernetes operator issue; the module is wired into the build now.
 */
package dev.sandpod.crd.v1alpha1;
