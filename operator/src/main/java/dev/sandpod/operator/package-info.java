/**
 * The Sandpod operator: reconciles CodeRun and Workspace custom resources into sandboxed pods.
 * Its reconcilers arrive with the Kubernetes operator issue; the module is wired into the build now.
 */
package dev.sandpod.operator;
