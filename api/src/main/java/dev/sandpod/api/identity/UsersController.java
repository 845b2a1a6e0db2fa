package dev.sandpod.api.identity;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Controller("/api/v1/users")
@Tag(name = "Identity")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class UsersController {

    private final UserService users;
    private final TokenService tokens;

    UsersController(UserService users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Get("/me")
    @Operation(summary = "The current user")
    UserResponse me(Authentication authentication) {
        return UserResponse.of(users.get(Caller.of(authentication).userId()));
    }

    @Put("/me")
    @Operation(summary = "Replace username and email (both required); a new password needs currentPassword")
    UserResponse replace(Authentication authentication, @Body UserRequests.Update body) {
        return update(authentication, body, true);
    }

    @Patch("/me")
    @Operation(summary = "Change the fields given; a new password needs currentPassword and ends the user's other sessions")
    UserResponse patch(Authentication authentication, @Body UserRequests.Update body) {
        return update(authentication, body, false);
    }

    @Get("/{id}")
    @Secured(Caller.ROLE_ADMIN)
    @Operation(summary = "Any user (admins only)")
    UserResponse get(@PathVariable long id) {
        return UserResponse.of(users.get(id));
    }

    @Patch("/{id}")
    @Secured(Caller.ROLE_ADMIN)
    @Operation(summary = "Set a user's premium and admin flags (admins only)")
    UserResponse flags(@PathVariable long id, @Body UserRequests.Flags body) {
        return UserResponse.of(users.setFlags(id, body));
    }

    private UserResponse update(Authentication authentication, UserRequests.Update body, boolean replace) {
        long userId = Caller.of(authentication).userId();
        UserEntity user = users.update(userId, body, replace);
        if (body.password() != null) {
            Object current = authentication.getAttributes().get(TokenService.SESSION_CLAIM);
            tokens.revokeOthers(userId, current == null ? null : java.util.UUID.fromString(current.toString()));
        }
        return UserResponse.of(user);
    }
}
