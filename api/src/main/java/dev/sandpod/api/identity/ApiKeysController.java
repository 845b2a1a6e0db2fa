package dev.sandpod.api.identity;

import dev.sandpod.api.errors.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller("/api/v1/keys")
@Tag(name = "Identity")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class ApiKeysController {

    private final ApiKeyService keys;

    ApiKeysController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Serdeable
    record CreateKey(@Nullable String name) {
    }

    @Post
    @Operation(summary = "Create a named API key; the key is in this answer only")
    HttpResponse<ApiKeyResponse> create(Authentication authentication, @Body CreateKey body) {
        ApiKeyService.Created created = keys.create(Caller.of(authentication).userId(), body.name());
        return HttpResponse.created(ApiKeyResponse.of(created.key(), created.secret()),
                URI.create("/api/v1/keys/" + created.key().id()));
    }

    @Get
    @Operation(summary = "The caller's live keys, newest first (without the keys themselves)")
    List<ApiKeyResponse> list(Authentication authentication) {
        return keys.list(Caller.of(authentication).userId()).stream().map(k -> ApiKeyResponse.of(k, null)).toList();
    }

    @Delete("/{id}")
    @Operation(summary = "Revoke a key: it stops working at once")
    HttpResponse<Void> revoke(Authentication authentication, @PathVariable UUID id) {
        if (!keys.revoke(Caller.of(authentication), id)) {
            throw new NotFoundException("no API key " + id);
        }
        return HttpResponse.noContent();
    }
}
