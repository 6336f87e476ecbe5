package io.relgraph.events;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import org.jboss.logging.Logger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.vertx.core.http.ServerWebSocket;

/**
 * One {@code graphql-transport-ws} connection ({@link GraphQLTransportWs}): the protocol as SmallRye's
 * handler speaks it (connection_init and its payload, connection_ack, ping/pong and a ping every 10 s,
 * subscribe, next, error, complete; the same close codes: 4400 for a message that is not one, 4401 for
 * an operation before connection_init, 4409 for an id in use, 4429 for a second connection_init),
 * executing every operation with SmallRye's {@link ExecutionService}.
 * <p>
 * Messages are written to the Netty channel on the connection's event loop, in order; a {@code next}
 * is not flushed at once, but by one task per event loop queued behind the work at hand
 * ({@code Flusher}), so a socket is flushed at most once per event-loop turn, however many messages it
 * got in it. An event subscription answered for all its subscribers
 * ({@link SharedEvents.Messages}) is handed its {@link Operation}, through which the shared answer's
 * bytes are written with only this operation's id around them ({@link SharedEvents}); every other
 * operation's results are rendered here per message, as SmallRye renders them.
 */
final class WsConnection {

    private static final Logger LOG = Logger.getLogger(WsConnection.class);
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final long KEEP_ALIVE_SECONDS = 10;
    private static final String ACK = "{\"type\":\"connection_ack\"}";
    private static final String PING = "{\"type\":\"ping\"}";
    private static final String PONG = "{\"type\":\"pong\"}";
    private static final byte[] SUFFIX = { '}' };
    private static final String INIT_PAYLOAD = "init-payload";
    /** One per event loop (Netty's are few and live as long as the server). */
    private static final Map<EventLoop, Flusher> FLUSHERS = new ConcurrentHashMap<>();

    /**
     * The flushes of one event loop's connections: a connection written to is flushed by one task queued
     * behind what the loop has to do now, so that every message written meanwhile (the same event to many
     * subscribers, or many events when the loop is behind) leaves in one write system call per socket.
     */
    private static final class Flusher implements Runnable {
        private final EventLoop loop;
        private List<WsConnection> pending = new ArrayList<>();
        private boolean scheduled;

        Flusher(EventLoop loop) {
            this.loop = loop;
        }

        void add(WsConnection connection) {
            pending.add(connection);
            if (!scheduled) {
                scheduled = true;
                loop.execute(this);
            }
        }

        @Override
        public void run() {
            scheduled = false;
            List<WsConnection> now = pending;
            pending = new ArrayList<>();
            for (WsConnection c : now) {
                c.flush();
            }
        }
    }

    private final ServerWebSocket socket;
    private final Channel channel;
    private final EventLoop loop;
    private final Map<String, Object> context;
    private final ExecutionService execution;
    private final Counter frames;
    private final Counter flushes;
    private final Flusher flusher;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    /** Writes handed to the event loop from other threads and not done yet: later writes queue behind them. */
    private final AtomicInteger hops = new AtomicInteger();
    // event loop only
    private boolean initialized;
    private boolean flushScheduled;
    private volatile boolean closed;
    private ScheduledFuture<?> keepAlive;

    WsConnection(ServerWebSocket socket, Channel channel, Map<String, Object> context, ExecutionService execution, Counter frames,
            Counter flushes) {
        this.socket = socket;
        this.frames = frames;
        this.flushes = flushes;
        this.flusher = FLUSHERS.computeIfAbsent(channel.eventLoop(), Flusher::new);
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.context = context;
        this.execution = execution;
    }

    /** Called on the event loop once the handlers are set. */
    void start() {
        keepAlive = loop.scheduleAtFixedRate(() -> send(PING), KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
                ctx.fireChannelWritabilityChanged();
                if (ctx.channel().isWritable()) {
                    loop.execute(WsConnection.this::writable); // not inside Netty's flush that made it writable
                }
            }
        });
    }

    EventLoop loop() {
        return loop;
    }

    void onMessage(String text) {
        JsonObject message;
        String type;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            message = reader.readObject();
            type = message.get("type") instanceof JsonString s ? s.getString() : null;
        } catch (JsonParsingException e) {
            close(4400, e.getMessage());
            return;
        } catch (RuntimeException e) {
            close(4400, "Unknown message type");
            return;
        }
        if (type == null) {
            close(4400, "Unknown message type");
            return;
        }
        switch (type) {
            case "connection_init" -> {
                if (initialized) {
                    close(4429, "Too many initialisation requests");
                    return;
                }
                initialized = true;
                if (message.get("payload") instanceof JsonObject payload) {
                    context.put(INIT_PAYLOAD, Collections.unmodifiableMap(payload));
                }
                send(ACK);
            }
            case "ping" -> send(PONG);
            case "subscribe" -> subscribe(message);
            case "complete" -> {
                Operation op = message.get("id") instanceof JsonString id ? operations.remove(id.getString()) : null;
                if (op != null) {
                    op.cancel();
                }
            }
            case "pong", "connection_ack", "next", "error" -> {
            }
            default -> close(4400, "Unknown message type");
        }
    }

    private void subscribe(JsonObject message) {
        if (!initialized) {
            close(4401, "Unauthorized");
            return;
        }
        if (!(message.get("id") instanceof JsonString idValue) || !(message.get("payload") instanceof JsonObject payload)) {
            close(4400, "A subscribe message needs an id and a payload");
            return;
        }
        String id = idValue.getString();
        Operation op = new Operation(id);
        if (operations.putIfAbsent(id, op) != null) {
            close(4409, "Subscriber for " + id + " already exists");
            return;
        }
        execution.executeAsync(payload, context, new ExecutionResponseWriter() {
            @Override
            public void write(ExecutionResponse response) {
                op.result(response);
            }

            @Override
            public void fail(Throwable t) {
                LOG.warn("Cannot execute GraphQL operation", t);
                op.error(new ExecutionResponse(ExecutionResultImpl.newExecutionResult()
                        .addError(GraphqlErrorBuilder.newError().message("Internal server error").build()).build()));
            }
        });
    }

    void failed(Throwable t) {
        LOG.debugf(t, "Error on a GraphQL WebSocket");
    }

    /** The socket closed (either side): every operation ends. */
    void closed() {
        onLoop(() -> {
            closed = true;
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
            List<Operation> ending = new ArrayList<>(operations.values());
            operations.clear();
            ending.forEach(Operation::cancel);
        });
    }

    private void close(int code, String reason) {
        onLoop(() -> {
            if (!socket.isClosed()) {
                socket.close((short) code, reason);
            }
        });
    }

    /** Runs on the event loop, after every write handed to it before. */
    private void onLoop(Runnable task) {
        if (loop.inEventLoop() && hops.get() == 0) {
            task.run();
        } else {
            hops.incrementAndGet();
            loop.execute(() -> {
                hops.decrementAndGet();
                task.run();
            });
        }
    }

    /** Writes a protocol message (from any thread) and flushes it: they are few (ack, pong, ping, an error). */
    private void send(String text) {
        onLoop(() -> {
            write(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
            channel.flush();
        });
    }

    /** Writes one text frame, not flushed (event loop only). */
    private void write(ByteBuf text) {
        if (closed || !channel.isActive()) {
            text.release();
            return;
        }
        channel.write(new TextWebSocketFrame(text), channel.voidPromise());
    }

    /** Has what was written flushed within this event-loop turn (event loop only). */
    private void flushSoon() {
        if (!flushScheduled) {
            flushScheduled = true;
            flusher.add(this);
        }
    }

    private void flush() {
        flushScheduled = false;
        channel.flush();
        flushes.increment();
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    private void writable() {
        for (Operation op : operations.values()) {
            Runnable r = op.onWritable;
            if (r != null) {
                r.run();
            }
        }
    }

    private static String quote(String s) {
        return JSON.createValue(s).toString();
    }

    /** One operation of this connection (its id), and how its messages are written. */
    final class Operation implements MessageSink {

        final String id;
        /** {@code {"type":"next","id":"<id>","payload":} (the order of SmallRye's messages, byte for byte) */
        private final byte[] nextPrefix;
        private final AtomicReference<Runnable> cancel = new AtomicReference<>();
        /** Called on the event loop when the socket can take more again (set by a delivery that waits for it). */
        volatile Runnable onWritable;
        private volatile boolean cancelled;

        Operation(String id) {
            this.id = id;
            this.nextPrefix = ("{\"type\":\"next\",\"id\":" + quote(id) + ",\"payload\":").getBytes(StandardCharsets.UTF_8);
        }

        WsConnection connection() {
            return WsConnection.this;
        }

        /** What the operation's executing gave: a result (query, mutation), its errors, or a stream (subscription). */
        void result(ExecutionResponse response) {
            ExecutionResult result = response.getExecutionResult();
            if (result == null) {
                return;
            }
            if (!result.isDataPresent()) {
                error(response); // refused before it ran: validation, authorization, limits
                return;
            }
            Object data = result.getData();
            if (data instanceof Map) {
                String payload = response.getExecutionResultAsJsonObject().toString();
                onLoop(() -> {
                    if (operations.remove(id, this)) {
                        nextNow(payload.getBytes(StandardCharsets.UTF_8));
                        completeNow();
                    }
                });
            } else if (data instanceof SharedEvents.Messages shared) {
                onLoop(() -> {
                    if (!cancelled && !closed) {
                        setCancel(shared.deliver(this));
                    }
                });
            } else if (data instanceof ByteMessages bytes) {
                onLoop(() -> {
                    if (!cancelled && !closed) {
                        setCancel(bytes.deliver(this));
                    }
                });
            } else if (data instanceof Publisher<?> stream) {
                subscribeTo(cast(stream));
            } else if (data == null) {
                error(response);
            } else {
                LOG.warnf("Unknown data type of execution result: %s", data.getClass());
            }
        }

        /** An {@code error} message (the operation did not run), and the operation is over. */
        void error(ExecutionResponse response) {
            jakarta.json.JsonArray errors = response.getExecutionResultAsJsonObject().getJsonArray("errors");
            String text = JSON.createObjectBuilder().add("id", id).add("type", "error")
                    .add("payload", errors == null ? JsonValue.EMPTY_JSON_ARRAY : errors).build().toString();
            onLoop(() -> {
                operations.remove(id, this);
                write(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
                channel.flush();
            });
        }

        /** A {@code next} message around a payload's JSON ({@code {"data":...}}), flushed within this event-loop turn (event loop only). */
        void nextNow(byte[] payload) {
            write(Unpooled.wrappedBuffer(nextPrefix, payload, SUFFIX));
            frames.increment();
            flushSoon();
        }

        /** A {@code complete} message; the operation is over (event loop only). */
        void completeNow() {
            operations.remove(id, this);
            write(Unpooled.wrappedBuffer(("{\"type\":\"complete\",\"id\":" + quote(id) + "}").getBytes(StandardCharsets.UTF_8)));
            flushSoon();
        }

        @Override
        public boolean cancelled() {
            return cancelled || closed;
        }

        @Override
        public EventLoop loop() {
            return loop;
        }

        @Override
        public boolean writable() {
            return channel.isWritable();
        }

        @Override
        public void next(byte[] payload) {
            if (!cancelled()) {
                nextNow(payload);
            }
        }

        @Override
        public void complete() {
            if (!cancelled()) {
                completeNow();
            }
        }

        @Override
        public void whenWritable(Runnable task) {
            onWritable = task;
        }

        private void setCancel(Runnable r) {
            cancel.set(r);
            if (cancelled) {
                cancel();
            }
        }

        /** The client completed it, or the socket closed: stop its stream (any thread). */
        void cancel() {
            cancelled = true;
            Runnable r = cancel.getAndSet(null);
            if (r != null) {
                r.run();
            }
        }

        @SuppressWarnings("unchecked")
        private Publisher<ExecutionResult> cast(Publisher<?> p) {
            return (Publisher<ExecutionResult>) p;
        }

        /** Any other stream (live queries, event subscriptions answered per subscriber): one message at a time, rendered as SmallRye does. */
        private void subscribeTo(Publisher<ExecutionResult> stream) {
            stream.subscribe(new Subscriber<>() {
                private Subscription subscription;

                @Override
                public void onSubscribe(Subscription s) {
                    subscription = s;
                    setCancel(s::cancel);
                    s.request(1);
                }

                @Override
                public void onNext(ExecutionResult item) {
                    if (cancelled()) {
                        return;
                    }
                    byte[] payload = new ExecutionResponse(item).getExecutionResultAsJsonObject().toString().getBytes(StandardCharsets.UTF_8);
                    onLoop(() -> {
                        if (!cancelled()) {
                            nextNow(payload);
                        }
                    });
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable t) {
                    LOG.warnf(t, "A subscription's stream failed");
                    onLoop(() -> {
                        if (!cancelled()) {
                            completeNow();
                        }
                    });
                }

                @Override
                public void onComplete() {
                    onLoop(() -> {
                        if (!cancelled()) {
                            completeNow();
                        }
                    });
                }
            });
        }
    }
}
