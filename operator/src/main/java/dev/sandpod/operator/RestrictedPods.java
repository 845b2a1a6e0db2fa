package dev.sandpod.operator;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The security every pod the operator makes runs under: Pod Security "restricted" (non-root, seccomp
 * RuntimeDefault, no privilege escalation, every capability dropped) plus a read-only root file system.
 */
public final class RestrictedPods {

    /** nobody: owns nothing in the image. */
    public static final long USER_ID = 65534;

    private RestrictedPods() {
    }

    public static PodSecurityContext pod() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(USER_ID)
                .withRunAsGroup(USER_ID)
                .withFsGroup(USER_ID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    public static SecurityContext container() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }
}
