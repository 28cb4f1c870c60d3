package dev.orrery.gateway.proxy;

import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.orrery.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-user limit on proxied state-changing requests ({@code gateway.proxy.write-rate}): one {@link TokenBucket} per
 * user, so users never wait for each other (no shared lock), in a bounded cache that forgets a bucket once it would be
 * full again anyway. Each gateway instance counts on its own.
 */
@ApplicationScoped
public class WriteRateLimit {

    private final int burst;
    private final int perSecond;
    private final Cache<String, TokenBucket> buckets;

    WriteRateLimit(GatewayConfig config) {
        this.burst = config.proxy().writeRate().burst();
        this.perSecond = config.proxy().writeRate().perSecond();
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("gateway.proxy.write-rate.burst and .per-second must be at least 1");
        }
        // An idle bucket refills to full within burst / perSecond seconds: forgetting it after that changes nothing.
        Duration refill = Duration.ofMillis(1000L * burst / perSecond + 1000);
        this.buckets = Caffeine.newBuilder().expireAfterAccess(refill).maximumSize(100_000).build();
    }

    /** @return empty if the user may write now, else how many seconds until the next write is allowed (at least 1) */
    OptionalLong secondsToWait(String userId) {
        long now = System.nanoTime();
        long wait = buckets.get(userId, id -> new TokenBucket(burst, perSecond, now)).take(now);
        return wait == 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
    }
}
