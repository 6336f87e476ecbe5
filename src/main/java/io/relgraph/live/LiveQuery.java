package io.relgraph.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import graphql.execution.DataFetcherResult;
import io.relgraph.compiler.CompiledRead;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.graphql.ErrorMapper;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * One distinct live query (document, operation and variables) and everyone subscribed to it. It runs
 * the compiled statement once per re-run for all of them, parses the answer once, and hands the same
 * {@link Answer} to each subscriber, only when its bytes differ from the last answer.
 * <p>
 * Re-runs are coalesced: at most one is in flight; invalidations that arrive meanwhile cause exactly
 * one more after it. And they start at most once per {@code relgraph.live.min-interval}: a subscriber
 * may not receive messages more often than that anyway, so running more often would only be thrown
 * away. So a query costs at most one statement per interval, however many writes there are.
 */
final class LiveQuery {

    private static final Logger LOG = Logger.getLogger(LiveQuery.class);

    /**
     * A distinct answer: PostgreSQL's bytes (the JSON of {@code data}, to compare), parsed once into the
     * root field's value (for graphql-java), and the payload of its {@code next} message,
     * {@code {"data":...}}, made once for every subscriber on relgraph's WebSocket connection.
     */
    static final class Answer {
        private final Buffer bytes;
        private final DataFetcherResult<Object> result;
        private volatile byte[] payload;

        Answer(Buffer bytes, DataFetcherResult<Object> result) {
            this.bytes = bytes;
            this.result = result;
        }

        Buffer bytes() {
            return bytes;
        }

        DataFetcherResult<Object> result() {
            return result;
        }

        byte[] payload() {
            byte[] p = payload;
            if (p == null) {
                p = payload = Buffer.buffer(bytes.length() + 9).appendString("{\"data\":").appendBuffer(bytes).appendString("}").getBytes();
            }
            return p;
        }
    }

    private final LiveQueries owner;
    private final LiveQueries.Key key;
    private final CompiledRead read;
    private final Map<String, Object> variables;
    private final Set<String> tables;
    private final String responseKey;
    private final Vertx vertx;
    private final long minIntervalMillis;
    private final List<LiveSubscriber> subscribers = new ArrayList<>();

    // guarded by this
    private Answer answer;
    private boolean running;
    private boolean dirty;
    private boolean closed;
    private long timer = -1;
    private long lastStart = Long.MIN_VALUE / 2;

    LiveQuery(LiveQueries owner, LiveQueries.Key key, CompiledRead read, Map<String, Object> variables, Set<String> tables,
            String responseKey, Vertx vertx, long minIntervalMillis) {
        this.owner = owner;
        this.key = key;
        this.read = read;
        this.variables = variables;
        this.tables = tables;
        this.responseKey = responseKey;
        this.vertx = vertx;
        this.minIntervalMillis = minIntervalMillis;
    }

    static ApiException refused(String why) {
        return new ApiException(ErrorCode.VALIDATION, "The query's arguments are refused (" + why + "): send it as a query for the full message");
    }

    static ApiException overPageLimit(boolean ended) {
        return new ApiException(ErrorCode.LIMIT_EXCEEDED, "A list of the answer holds more rows than the page limit "
                + "(relgraph.max-page-size): give it a first" + (ended ? "; the live query was ended" : ""));
    }

    synchronized boolean answered() {
        return answer != null;
    }

    boolean reads(String table) {
        return tables.contains(table) || tables.contains(ReadTables.ALL);
    }

    Set<String> tables() {
        return tables;
    }

    /** Adds a subscriber, which gets the last answer at once (or the first one when it comes); false once closed. */
    boolean add(LiveSubscriber subscriber) {
        Answer current;
        boolean first;
        synchronized (this) {
            if (closed) {
                return false;
            }
            subscribers.add(subscriber);
            current = answer;
            first = subscribers.size() == 1 && answer == null && !running;
        }
        if (current != null) {
            subscriber.offer(current);
        }
        if (first) {
            invalidate();
        }
        return true;
    }

    /** Removes a subscriber; the last one out closes the query. */
    void remove(LiveSubscriber subscriber) {
        synchronized (this) {
            subscribers.remove(subscriber);
            if (!subscribers.isEmpty() || closed) {
                return;
            }
            closed = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
        owner.closed(key, this);
    }

    /** A table it reads changed (or changes may have been missed): run again, coalesced and rate-limited. */
    void invalidate() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (running) {
                dirty = true;
                return;
            }
            if (timer >= 0) {
                return; // a run is scheduled; it will see this change
            }
            long wait = lastStart + minIntervalMillis - System.currentTimeMillis();
            if (wait > 0) {
                timer = vertx.setTimer(wait, t -> {
                    synchronized (this) {
                        timer = -1;
                    }
                    invalidate();
                });
                return;
            }
            running = true;
            dirty = false;
            lastStart = System.currentTimeMillis();
        }
        owner.ran();
        read.execute(variables).onComplete(this::done);
    }

    private void done(AsyncResult<Buffer> result) {
        List<LiveSubscriber> to;
        Answer fresh = null;
        ApiException end = null;
        synchronized (this) {
            running = false;
            if (result.succeeded() && result.result() != null) {
                Buffer bytes = result.result();
                if (answer == null || !answer.bytes().equals(bytes)) {
                    fresh = new Answer(bytes, DataFetcherResult.newResult().data(LiveObject.rootValue(bytes, responseKey)).build());
                    answer = fresh;
                }
            } else if (result.succeeded()) {
                // the resolver's answer would be an error: an argument it refuses, or a list now over the page limit
                String refusal = answer == null ? read.refusal(variables) : null;
                end = refusal != null ? refused(refusal) : overPageLimit(answer != null);
            } else if (answer == null) {
                end = ErrorMapper.map(result.cause());
            } else {
                // a failed re-run keeps the subscribers: the last answer stands until the next change or reconnect
                LOG.warnf("A live query's re-run failed (%s); it runs again on the next change", result.cause().getMessage());
                dirty = true;
            }
            to = List.copyOf(subscribers);
            if (end != null) {
                closed = true;
                subscribers.clear();
            }
        }
        if (end != null) {
            owner.closed(key, this);
            for (LiveSubscriber s : to) {
                s.fail(end);
            }
            return;
        }
        if (fresh != null) {
            for (LiveSubscriber s : to) {
                s.offer(fresh);
            }
        }
        boolean again;
        synchronized (this) {
            again = dirty && !closed;
        }
        if (again) {
            if (result.failed()) {
                // not at once in a loop against a database that is away: after the interval or on the next change
                synchronized (this) {
                    lastStart = System.currentTimeMillis() + Math.max(0, 1000 - minIntervalMillis);
                }
            }
            invalidate();
        }
    }
}
