package dev.orrery.ha.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Exclusive use of the fault-test cluster across processes (two test runs, or a test run and
 * bench/broker/run.sh, would otherwise kill each other's brokers): flock(1) on
 * /tmp/orrery-fault-cluster.lock, held by a child process for as long as its stdin stays open,
 * so the lock also goes when this JVM dies.
 */
public final class FaultClusterLock implements AutoCloseable {

    public static final String FILE = "/tmp/orrery-fault-cluster.lock";
    private final Process holder;

    private FaultClusterLock(Process holder) { this.holder = holder; }

    /** Blocks until the lock is ours. */
    public static FaultClusterLock acquire() throws IOException {
        Process p = new ProcessBuilder(List.of("flock", "-x", FILE, "sh", "-c", "echo locked; exec cat >/dev/null"))
                .redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"locked".equals(line)) {
            p.destroyForcibly();
            throw new IOException("could not lock " + FILE + ": " + line);
        }
        return new FaultClusterLock(p);
    }

    @Override
    public void close() throws IOException {
        holder.getOutputStream().close();
        try {
            holder.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            holder.destroyForcibly();
        }
    }
}
