package io.relgraph.events;

import io.netty.channel.Channel;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * The network side of a subscriber: SmallRye hands each event to its WebSocket as soon as it is
 * serialized and asks for the next one at once, so a client that reads slowly would pile events up
 * in the socket's (unbounded) write queue. Waiting while the socket is not writable (Netty's high
 * water mark, 64 kB) keeps the backlog in the subscriber's bounded buffer instead, where it counts.
 */
public final class SubscriberSocket {

    private static final long POLL_MILLIS = 20;

    private final Channel channel;
    private final Context context;
    private final Runnable onWait;

    private SubscriberSocket(Channel channel, Context context, Runnable onWait) {
        this.channel = channel;
        this.context = context;
        this.onWait = onWait;
    }

    /**
     * The socket of the subscription being started on this thread (SmallRye runs it in the request
     * context of the WebSocket's upgrade request), or null when there is none to watch.
     */
    public static SubscriberSocket current(Context context, Runnable onWait) {
        if (context == null || !Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext upgrade = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
        HttpConnection connection = upgrade == null ? null : upgrade.request().connection();
        return connection instanceof ConnectionBase base ? new SubscriberSocket(base.channel(), context, onWait) : null;
    }

    /** Completes once the socket can take more (at once when it can, or when it is closed). */
    public Uni<Void> writable() {
        if (channel.isWritable() || !channel.isActive()) {
            return Uni.createFrom().voidItem();
        }
        onWait.run();
        return Uni.createFrom().<Void> emitter(e -> {
            long timer = context.owner().setTimer(POLL_MILLIS, t -> e.complete(null));
            e.onTermination(() -> context.owner().cancelTimer(timer));
        }).chain(this::writable);
    }
}
