package dev.sandpod.api.errors;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;

/** A JSON route that exists only in tests, so body errors can be provoked before real routes land. */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/test/echo")
@Requires(env = "test")
class EchoController {

    @Serdeable
    record Greeting(String name, int count) {
    }

    @Post
    Greeting echo(@Body Greeting greeting) {
        return greeting;
    }

    @Post("/boom")
    Greeting boom(@Body Greeting greeting) {
        throw new IllegalStateException("secret internal detail /etc/sandpod");
    }
}
