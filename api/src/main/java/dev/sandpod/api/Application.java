package dev.sandpod.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

@OpenAPIDefinition(info = @Info(
        title = "Sandpod API",
        version = "${sandpod.version}",
        description = "Runs untrusted code in sandboxes: runs, languages, workspaces, health.",
        license = @License(name = "Apache-2.0")))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
