package dev.sandpod.api.identity;

import dev.sandpod.api.errors.InvalidRequestException;
import dev.sandpod.api.ratelimit.RateLimiter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@Controller("/api/v1/auth")
@Tag(name = "Identity")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthController {

    static final String LOGIN_POLICY = "login";

    private final UserService users;
    private final TokenService tokens;
    private final RateLimiter limiter;
    private final SecurityEvents events;

    AuthController(UserService users, TokenService tokens, RateLimiter limiter, SecurityEvents events) {
        this.users = users;
        this.tokens = tokens;
        this.limiter = limiter;
        this.events = events;
    }

    @Post("/register")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Create an account; answers 201 with the user and a first pair of tokens")
    HttpResponse<SessionResponse> register(@Body UserRequests.Register body) {
        UserEntity user = users.register(body);
        return HttpResponse.created(new SessionResponse(UserResponse.of(user), tokens.startSession(user)),
                URI.create("/api/v1/users/me"));
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Log in by username or email; at most 5 attempts per 15 minutes per client and account")
    SessionResponse login(HttpRequest<?> request, @Body UserRequests.Login body) {
        String login = body.login();
        if (login == null || login.isBlank()) {
            throw new InvalidRequestException("username", "username (or email) is required");
        }
        if (body.password() == null || body.password().isEmpty()) {
            throw new InvalidRequestException("password", "password is required");
        }
        String client = RateLimiter.client(request);
        Optional<UserEntity> account = users.find(login);
        // one budget per account whichever name it is reached by, and per unknown name
        String accountKey = account.map(u -> "user:" + u.id()).orElse("name:" + login.strip().toLowerCase(Locale.ROOT));
        limiter.check(request, LOGIN_POLICY, client + "|" + accountKey);
        if (!users.passwordMatches(account, body.password())) {
            events.loginFailed(login, client);
            throw new InvalidCredentialsException("invalid username/email or password");
        }
        UserEntity user = account.orElseThrow();
        return new SessionResponse(UserResponse.of(user), tokens.startSession(user));
    }

    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Trade a refresh token for new tokens; the old refresh token dies, and reusing it ends the session")
    TokenService.Tokens refresh(@Body UserRequests.Refresh body) {
        if (body.refreshToken() == null || body.refreshToken().isBlank()) {
            throw new InvalidRequestException("refreshToken", "refreshToken is required");
        }
        return tokens.refresh(body.refreshToken().strip())
                .orElseThrow(() -> new InvalidCredentialsException("the refresh token is invalid, expired or revoked"));
    }

    @Post("/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "End a session: the one of the given refresh token, else the one of the access token used")
    HttpResponse<Void> logout(Authentication authentication, @Body @Nullable UserRequests.Refresh body) {
        long userId = Caller.of(authentication).userId();
        UUID session = body != null && body.refreshToken() != null && !body.refreshToken().isBlank()
                ? tokens.sessionOf(body.refreshToken().strip()).filter(s -> tokens.ownedBy(s, userId))
                        .orElseThrow(() -> new InvalidCredentialsException("the refresh token is invalid, expired or revoked"))
                : currentSession(authentication);
        tokens.revoke(session, "logout");
        events.loggedOut(userId, session);
        return HttpResponse.noContent();
    }

    static UUID currentSession(Authentication authentication) {
        Object sid = authentication.getAttributes().get(TokenService.SESSION_CLAIM);
        if (sid == null) {
            throw new InvalidRequestException("refreshToken",
                    "refreshToken is required when the request is not made with an access token");
        }
        return UUID.fromString(sid.toString());
    }
}
