package dev.orrery.gateway.compose;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Singleton;

/**
 * Fragment bodies that are still fresh by their own {@code Cache-Control} and may be used without asking the
 * front-end again, like any HTTP cache would: only for fragments the manifest marks {@code cacheable}, only 200
 * answers with {@code max-age} / {@code s-maxage} and without {@code no-store} / {@code no-cache}, kept per user
 * (a {@code private} answer is never kept for anonymous visitors, who would share it) and forgotten with the user's
 * last good copies on {@code ProfileUpdated}. Fragments that send no freshness are always fetched.
 */
@Singleton
public class FreshCopies {

    /** Upper bound of any freshness, also the cache's own expiry ({@code quarkus.cache.caffeine."fresh".*}). */
    static final long MAX_SECONDS = 600;
    private static final String ANONYMOUS = "";

    record Key(String userId, String slot, String path) {
    }

    record Copy(Buffer html, long freshUntilNanos) {
    }

    private final CaffeineCache cache;

    FreshCopies(@CacheName("fresh") Cache cache) {
        this.cache = cache.as(CaffeineCache.class);
    }

    void keep(String userId, String slot, String path, FragmentResponse answer) {
        long seconds = freshSeconds(answer.cacheControl(), userId == null);
        if (answer.status() == 200 && seconds > 0) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            // a heap copy: the answer's own bytes go back to the pool once the page is written
            Buffer copy = Buffer.buffer(answer.body().getBytes());
            cache.put(new Key(userId == null ? ANONYMOUS : userId, slot, path),
                    CompletableFuture.completedFuture(new Copy(copy, until)));
        }
    }

    Optional<Buffer> copy(String userId, String slot, String path) {
        CompletableFuture<Object> value = cache.getIfPresent(new Key(userId == null ? ANONYMOUS : userId, slot, path));
        return value != null && value.getNow(null) instanceof Copy copy && copy.freshUntilNanos() - System.nanoTime() > 0
                ? Optional.of(copy.html())
                : Optional.empty();
    }

    public void forget(String userId) {
        cache.invalidateIf(key -> key instanceof Key k && k.userId().equals(userId)).subscribe().with(done -> {
        });
    }

    /** How long an answer stays fresh here, in seconds; 0 for not at all. */
    static long freshSeconds(String cacheControl, boolean shared) {
        if (cacheControl == null) {
            return 0;
        }
        long maxAge = -1;
        long sharedMaxAge = -1;
        for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            String d = directive.trim();
            if (d.equals("no-store") || d.startsWith("no-cache") || shared && d.startsWith("private")) {
                return 0;
            } else if (d.startsWith("max-age=")) {
                maxAge = seconds(d.substring(8));
            } else if (d.startsWith("s-maxage=")) {
                sharedMaxAge = seconds(d.substring(9));
            }
        }
        long fresh = sharedMaxAge >= 0 ? sharedMaxAge : maxAge;
        return Math.min(Math.max(fresh, 0), MAX_SECONDS);
    }

    private static long seconds(String value) {
        String v = value.replace("\"", "");
        return v.isEmpty() || v.length() > 10 || !v.chars().allMatch(Character::isDigit) ? -1 : Long.parseLong(v);
    }
}
