package dev.orrery.gateway.proxy;

/** One user's write allowance: up to {@code burst} tokens, refilled continuously at {@code perSecond}. */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int burst;
    private final long nanosPerToken;
    private double tokens;
    private long refilledAt;

    TokenBucket(int burst, int perSecond, long now) {
        this.burst = burst;
        this.nanosPerToken = NANOS_PER_SECOND / perSecond;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** @return 0 if a token was taken, else how many nanoseconds until the next one */
    synchronized long take(long now) {
        tokens = Math.min(burst, tokens + (double) (now - refilledAt) / nanosPerToken);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * nanosPerToken);
    }
}
