package io.relgraph.events;

import io.netty.channel.EventLoop;

/**
 * One operation of relgraph's {@code graphql-transport-ws} connection ({@link WsConnection}) as a
 * place to write messages whose payload is already JSON: a subscription that shares its answers
 * (a live query's) renders each answer once and writes the same bytes to each subscriber's sink.
 * Every method but {@link #loop()} and {@link #cancelled()} is called on {@link #loop()}.
 */
public interface MessageSink {

    /** The event loop of the operation's socket. */
    EventLoop loop();

    /** Whether the client completed the operation or the socket closed (any thread). */
    boolean cancelled();

    /** Whether the socket can take more now (Netty's write buffer below its high-water mark). */
    boolean writable();

    /** A {@code next} message with this payload ({@code {"data":...}}), flushed within this event-loop turn. */
    void next(byte[] payload);

    /** The {@code complete} message: the operation is over. */
    void complete();

    /** Runs {@code task} (on the loop) when the socket can take more again; null to stop. */
    void whenWritable(Runnable task);
}
