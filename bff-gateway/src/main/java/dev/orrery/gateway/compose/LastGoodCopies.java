package dev.orrery.gateway.compose;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.inject.Singleton;

/**
 * The last successful body of each cacheable fragment, per user (fragments are personal), used when the front-end
 * fails. Bounded and expiring through {@code quarkus.cache.caffeine."last-good".*}.
 */
@Singleton
public class LastGoodCopies {

    record Key(String userId, String slot) {
    }

    private final CaffeineCache cache;

    LastGoodCopies(@CacheName("last-good") Cache cache) {
        this.cache = cache.as(CaffeineCache.class);
    }

    public void keep(String userId, String slot, String html) {
        cache.put(new Key(userId, slot), CompletableFuture.completedFuture(html));
    }

    public Optional<String> copy(String userId, String slot) {
        CompletableFuture<Object> value = cache.getIfPresent(new Key(userId, slot));
        return value == null ? Optional.empty() : Optional.ofNullable((String) value.getNow(null));
    }

    /** Forgets every copy of the user's fragments (their profile changed, so names and style may be stale). */
    public void forget(String userId) {
        cache.invalidateIf(key -> key instanceof Key k && k.userId().equals(userId)).subscribe().with(done -> {
        });
    }
}
