package dev.orrery.gateway.profile;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import dev.orrery.gateway.config.GatewayConfig;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.inject.Singleton;

/**
 * Each user's chosen style guide, as profile-frontend keeps it. A user the gateway has no copy of (after a restart, on
 * another instance, after the copy expired) is looked up in profile-frontend's API with the user's own token
 * ({@code gateway.style-guides.*}); {@code ProfileUpdated} events keep copies current. Copies live in the bounded,
 * expiring Caffeine cache {@code style-guides}. If the lookup fails the default guide is used and the lookup is tried
 * again after {@code retry-after}; a page never fails for it.
 */
@Singleton
public class StyleGuides {

    public static final String DEFAULT = "daylight";
    /** A guide's name goes into a header and an attribute: nothing else is taken from an event or an answer. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Logger LOG = Logger.getLogger(StyleGuides.class);

    /** A copy: {@code version} orders event and lookup; a fallback is tried again from {@code retryAtMillis} on. */
    record Choice(String guide, long version, boolean fallback, long retryAtMillis) {
        boolean retryDue(long now) {
            return fallback && now >= retryAtMillis;
        }
    }

    private final CaffeineCache cache;
    private final WebClient client;
    private final GatewayConfig.StyleGuides config;
    private final URI source;

    StyleGuides(@CacheName("style-guides") Cache cache, WebClient client, GatewayConfig config) {
        this.cache = cache.as(CaffeineCache.class);
        this.client = client;
        this.config = config.styleGuides();
        GatewayConfig.Frontend frontend = config.frontends().get(this.config.frontend());
        this.source = frontend == null ? null : frontend.url().resolve(this.config.path());
    }

    /** The user's guide as far as this instance knows now (the default if it has no copy); never looks it up. */
    public String of(String userId) {
        Choice choice = completed(userId);
        return choice == null ? DEFAULT : choice.guide();
    }

    /** The user's guide if this instance has a current copy, else null: then {@link #lookUp} it. */
    public String known(String userId) {
        Choice choice = completed(userId);
        return choice == null || choice.retryDue(System.currentTimeMillis()) ? null : choice.guide();
    }

    /**
     * The user's guide from profile-frontend, joining a lookup already under way. Never fails: the default when
     * profile-frontend does not answer in {@code lookup-timeout}.
     */
    public CompletableFuture<String> lookUp(String userId, String accessToken) {
        CompletableFuture<Object> cached = cache.getIfPresent(userId);
        if (cached != null && !cached.isDone()) {
            return cached.thenApply(choice -> ((Choice) choice).guide());
        }
        CompletableFuture<Object> lookup = fetch(accessToken).thenApply(choice -> (Object) choice);
        cache.put(userId, lookup);
        return lookup.thenApply(choice -> ((Choice) choice).guide());
    }

    /** From a {@code ProfileUpdated} event: replaces the copy (and any lookup under way) unless it is newer. */
    void remember(String userId, String styleGuide, long version) {
        if (styleGuide == null || !NAME.matcher(styleGuide).matches()) {
            return;
        }
        Choice current = completed(userId);
        if (current == null || current.fallback() || version >= current.version()) {
            cache.put(userId, CompletableFuture.completedFuture(new Choice(styleGuide, version, false, 0)));
        }
    }

    private Choice completed(String userId) {
        CompletableFuture<Object> cached = cache.getIfPresent(userId);
        return cached == null ? null : (Choice) cached.getNow(null);
    }

    private CompletableFuture<Choice> fetch(String accessToken) {
        if (source == null || accessToken == null) {
            return CompletableFuture.completedFuture(fallback());
        }
        return client.getAbs(source.toString()).putHeader("Authorization", "Bearer " + accessToken)
                .putHeader("Accept", "application/json").timeout(config.lookupTimeout().toMillis()).send()
                .map(this::choice)
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("style guide lookup failed, default until %s: %s", config.retryAfter(), e.getMessage());
                    return fallback();
                })
                .subscribeAsCompletionStage();
    }

    private Choice choice(HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            LOG.debugf("style guide lookup answered %d, default until %s", response.statusCode(), config.retryAfter());
            return fallback();
        }
        JsonObject profile = new JsonObject(response.bodyAsString());
        String guide = profile.getString("styleGuide");
        return guide == null || !NAME.matcher(guide).matches() ? fallback()
                : new Choice(guide, profile.getLong("version", 0L), false, 0);
    }

    private Choice fallback() {
        return new Choice(DEFAULT, -1, true, System.currentTimeMillis() + config.retryAfter().toMillis());
    }
}
