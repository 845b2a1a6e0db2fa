/**
 * Custom resources of group {@code sandpod.dev}, version {@code v1alpha1}: {@link dev.sandpod.crd.v1alpha1.CodeRun}
 * (one run, reconciled into one sandboxed pod) and {@link dev.sandpod.crd.v1alpha1.Workspace} (a pod and a
 * volume per workspace). The CRD YAML is generated from these classes by the build.
 */
package dev.sandpod.crd.v1alpha1;
