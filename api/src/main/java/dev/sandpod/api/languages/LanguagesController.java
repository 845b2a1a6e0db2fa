package dev.sandpod.api.languages;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import dev.sandpod.runner.Engine;
import dev.sandpod.runner.lang.LanguageStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/api/v1/languages")
@Tag(name = "Languages")
class LanguagesController {

    private final Engine engine;

    LanguagesController(Engine engine) {
        this.engine = engine;
    }

    @Get
    @Operation(summary = "Languages, probed versions, aliases and limits; unavailable ones say why")
    LanguagesResponse languages() {
        var sandbox = new LanguagesResponse.Sandbox(engine.available(), engine.sandboxDescription(),
                engine.unavailableReason());
        var languages = engine.languages().all().stream().map(this::view).toList();
        return new LanguagesResponse(sandbox, LanguagesResponse.LimitsView.of(engine.config().defaults()),
                LanguagesResponse.LimitsView.of(engine.config().maximums()), languages);
    }

    private LanguagesResponse.LanguageView view(LanguageStatus status) {
        String reason = !engine.available() ? engine.unavailableReason() : status.unavailableReason();
        return new LanguagesResponse.LanguageView(status.language().id(), status.language().name(), status.version(),
                status.language().aliases(), status.language().compiled(), engine.available() && status.available(),
                reason);
    }
}
