package io.relgraph.events;

import org.reactivestreams.Publisher;

import graphql.ExecutionResult;

/**
 * A subscription's messages that relgraph's {@code graphql-transport-ws} connection writes as bytes
 * ({@link MessageSink}) instead of rendering each result: a live query's. A data fetcher that has
 * them puts them in the operation's GraphQL context under {@link #CONTEXT_KEY}; the subscription
 * strategy ({@link EventExecution}) puts them, with graphql-java's stream of results for any other
 * transport, into the operation's result ({@link Either}).
 */
public interface ByteMessages {

    String CONTEXT_KEY = "relgraph.byte-messages";

    /** Starts writing the subscription's messages to the sink (called on its loop); returns how to stop them (any thread). */
    Runnable deliver(MessageSink sink);

    /** The results for a transport that renders them (SmallRye's graphql-ws), or the bytes for relgraph's. */
    record Either(Publisher<ExecutionResult> results, ByteMessages bytes) implements Publisher<ExecutionResult>, ByteMessages {
        @Override
        public void subscribe(org.reactivestreams.Subscriber<? super ExecutionResult> subscriber) {
            results.subscribe(subscriber);
        }

        @Override
        public Runnable deliver(MessageSink sink) {
            return bytes.deliver(sink);
        }
    }
}
