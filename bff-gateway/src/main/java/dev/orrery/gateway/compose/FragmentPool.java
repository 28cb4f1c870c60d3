package dev.orrery.gateway.compose;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.vertx.core.impl.VertxInternal;

/**
 * Kept-alive plain HTTP/1.1 connections from one event loop to one front-end, used one exchange at a time, the most
 * recently used first. Everything here runs on that event loop, so nothing is locked. Up to {@code max} connections;
 * beyond that, requests wait for the next free one (their deadline still runs).
 */
final class FragmentPool {

    /** Vert.x's own limits for an HTTP/1.1 head; a body part may be as large as what one read brought. */
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 8192;
    private static final int MAX_CONTENT_PART = 1 << 20;
    /**
     * One 32 KB read buffer per read, which Netty's pooled allocator keeps in its per-thread cache: a whole fragment
     * of the usual size arrives in one read. Netty's adaptive default starts small (one more read syscall per page,
     * strace) and grows to 64 KB, and with Quarkus' 64 KB pool chunks ({@code io.netty.allocator.maxOrder=3}) each
     * such buffer allocated and zeroed a new chunk (bench/compose JFR: 6 % of the samples).
     */
    private static final FixedRecvByteBufAllocator READ_BUFFERS = new FixedRecvByteBufAllocator(32 * 1024);

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    /** The Host header: host and port as configured. */
    private final String host;
    private final int max;
    private final ArrayDeque<FragmentConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<FragmentExchange> waiting = new ArrayDeque<>();
    private int open;
    /** Timeout (ms) → the deadlines of the exchanges started with it; a page has one or two distinct timeouts. */
    private final Map<Long, FragmentDeadlines> deadlines = new HashMap<>(4);

    FragmentPool(VertxInternal vertx, EventLoop loop, String hostName, int port, int max, int connectTimeoutMs) {
        this.loop = loop;
        this.max = max;
        this.host = hostName + ":" + port;
        this.address = InetSocketAddress.createUnresolved(hostName, port);
        this.bootstrap = new Bootstrap().group(loop)
                .channelFactory(vertx.transport().channelFactory(false))
                .resolver(vertx.nettyAddressResolverGroup())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, READ_BUFFERS)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        FragmentAnswerDecoder decoder = new FragmentAnswerDecoder(MAX_INITIAL_LINE, MAX_HEADER_SIZE,
                                MAX_CONTENT_PART);
                        FragmentConnection connection = new FragmentConnection(FragmentPool.this);
                        connection.attach(channel, decoder);
                        channel.pipeline().addLast(decoder, connection);
                    }
                });
    }

    /** Starts an exchange: its deadline runs from now, through waiting for a connection and a possible retry. */
    void start(FragmentExchange exchange) {
        deadlines.computeIfAbsent(exchange.timeoutMs(), timeout -> new FragmentDeadlines(loop, timeout)).add(exchange);
        send(exchange);
    }

    private void send(FragmentExchange exchange) {
        FragmentConnection connection;
        while ((connection = idle.pollLast()) != null) {
            if (connection.usable()) {
                connection.send(exchange, host);
                return;
            }
        }
        if (open < max) {
            connect(exchange);
        } else {
            waiting.addLast(exchange);
        }
    }

    /** Sends again an exchange whose kept-alive connection closed unanswered: on a new one, not another idle one. */
    void retry(FragmentExchange exchange) {
        if (open < max) {
            connect(exchange);
        } else {
            waiting.addFirst(exchange);
        }
    }

    private void connect(FragmentExchange exchange) {
        open++;
        bootstrap.connect(address).addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                FragmentConnection connection = connected.channel().pipeline().get(FragmentConnection.class);
                if (exchange.done()) {
                    release(connection); // it timed out while connecting; the connection serves the next one
                } else {
                    connection.send(exchange, host);
                }
            } else {
                open--;
                Throwable cause = connected.cause();
                exchange.fail(cause.getClass().getSimpleName() + ": " + cause.getMessage());
                nextWaiting();
            }
        });
    }

    /** An exchange ended with its connection kept alive: the next waiting request takes it, or it idles. */
    void release(FragmentConnection connection) {
        FragmentExchange next = pollWaiting();
        if (next != null) {
            connection.send(next, host);
        } else {
            idle.addLast(connection);
        }
    }

    void closed(FragmentConnection connection) {
        open--;
        idle.remove(connection);
        nextWaiting();
    }

    private void nextWaiting() {
        if (open < max) {
            FragmentExchange next = pollWaiting();
            if (next != null) {
                connect(next);
            }
        }
    }

    private FragmentExchange pollWaiting() {
        FragmentExchange next;
        while ((next = waiting.pollFirst()) != null) {
            if (!next.done()) {
                return next;
            }
        }
        return null;
    }
}
