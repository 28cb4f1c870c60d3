package dev.orrery.gateway.compose;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/** One kept-alive connection to a front-end, carrying one {@link FragmentExchange} at a time (no pipelining). */
final class FragmentConnection extends ChannelInboundHandlerAdapter {

    private final FragmentPool pool;
    private Channel channel;
    private FragmentAnswerDecoder decoder;
    private FragmentExchange exchange;
    private boolean reused;
    private Throwable failure;

    FragmentConnection(FragmentPool pool) {
        this.pool = pool;
    }

    void attach(Channel channel, FragmentAnswerDecoder decoder) {
        this.channel = channel;
        this.decoder = decoder;
    }

    boolean usable() {
        return channel.isActive();
    }

    void send(FragmentExchange next, String host) {
        exchange = next;
        next.connection = this;
        channel.writeAndFlush(next.request(channel.alloc(), host), channel.voidPromise());
    }

    /** The exchange gave up (timeout): the rest of its answer would be misread, so the connection goes. */
    void abandon() {
        exchange = null;
        channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            read(msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(Object msg) {
        FragmentExchange current = exchange;
        if (current == null) {
            channel.close(); // bytes nobody asked for: the connection cannot be trusted any more
            return;
        }
        if (msg instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
            give(current, "invalid answer: " + decoded.decoderResult().cause().getMessage());
            return;
        }
        if (msg instanceof HttpResponse response && !current.head(response)) {
            give(current, current.tooBig());
            return;
        }
        if (msg instanceof HttpContent content) {
            if (!current.content(content.content())) {
                give(current, current.tooBig());
            } else if (msg instanceof LastHttpContent && current.end()) {
                exchange = null;
                reused = true;
                // bytes behind the answer would be read as the next request's answer, maybe another user's page
                if (current.keepAlive() && !decoder.holdsBytes()) {
                    pool.release(this);
                } else {
                    channel.close();
                }
            }
        }
    }

    /** Fails the exchange and closes the connection mid-answer. */
    private void give(FragmentExchange current, String problem) {
        exchange = null;
        current.fail(problem);
        channel.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.closed(this);
        FragmentExchange current = exchange;
        exchange = null;
        if (current == null || current.done()) {
            return;
        }
        current.connection = null;
        if (reused && !current.answering() && !current.retried) {
            // a kept-alive connection the front-end had closed just before this request: send it once more
            current.retried = true;
            pool.retry(current);
        } else {
            current.fail(failure == null ? "connection closed before the answer ended"
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
    }
}
