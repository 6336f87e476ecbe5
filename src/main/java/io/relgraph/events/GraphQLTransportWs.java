package io.relgraph.events;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * relgraph's own {@code graphql-transport-ws} endpoint at {@code /graphql} (the protocol of the
 * graphql-ws library, GraphiQL, Apollo and urql), in front of SmallRye's, which still serves the older
 * {@code graphql-ws} subprotocol. Operations are executed by SmallRye's {@code ExecutionService} as
 * before, with the same context (the upgrade request's headers, the connection_init payload, the
 * request context's state), so authorization ({@code auth.OperationGuard}), limits, errors and every
 * resolver are untouched; what is relgraph's is how messages reach the socket ({@link WsConnection}):
 * a shared event answer is written as bytes rendered once for all its subscribers, and flushed once
 * per socket per event-loop turn, not once per message.
 * <p>
 * WebSocket compression (permessage-deflate, which Vert.x offers by default and most clients accept)
 * is turned off: it would deflate each subscriber's copy of every event on its own (a deflater per
 * connection, its state per socket), which costs more CPU than the small messages of this API save
 * in bytes, and would make a shared message's bytes per subscriber again.
 */
@ApplicationScoped
public class GraphQLTransportWs {

    static final String SUBPROTOCOL = "graphql-transport-ws";
    private static final Logger LOG = Logger.getLogger(GraphQLTransportWs.class);

    private final String path;
    private final List<String> subprotocols;
    private final Handler handler;

    public GraphQLTransportWs(Instance<CurrentIdentityAssociation> identity, CurrentVertxRequest currentRequest, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.smallrye-graphql.websocket-subprotocols", defaultValue = "graphql-transport-ws,graphql-ws") List<String> subprotocols,
            @ConfigProperty(name = "quarkus.smallrye-graphql.nonblocking.enabled") Optional<Boolean> nonBlocking) {
        this.path = "/" + rootPath.replaceAll("^/+", "");
        this.subprotocols = subprotocols.stream().map(String::strip).toList();
        // as Quarkus decides for its own handlers: blocking only when non-blocking execution is turned off
        boolean runBlocking = nonBlocking.isPresent() && !nonBlocking.get();
        Counter frames = Counter.builder("relgraph.websocket.messages")
                .description("next messages written on relgraph's graphql-transport-ws connections").register(registry);
        Counter flushes = Counter.builder("relgraph.websocket.flushes")
                .description("Flushes of those messages: at most one per socket and event-loop turn, however many it got").register(registry);
        this.handler = new Handler(identity.isResolvable() ? identity.get() : null, currentRequest, runBlocking, frames, flushes);
    }

    /** No permessage-deflate (see above); a bean of its own, as Quarkus makes it when the HTTP server starts, before most others. */
    @jakarta.inject.Singleton
    static final class NoCompression implements HttpServerOptionsCustomizer {
        @Override
        public void customizeHttpServer(HttpServerOptions options) {
            options.setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
        }

        @Override
        public void customizeHttpsServer(HttpServerOptions options) {
            customizeHttpServer(options);
        }
    }

    /** Before SmallRye's WebSocket route (order -99) on the same path; the request pipeline's GET route hands upgrades on. */
    void register(@Observes Router router) {
        if (!subprotocols.contains(SUBPROTOCOL)) {
            return;
        }
        router.route(HttpMethod.GET, path).order(-100).handler(ctx -> {
            if (ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true) && !ctx.request().isEnded()
                    && SUBPROTOCOL.equals(chosen(ctx))) {
                handler.handle(ctx);
            } else {
                ctx.next(); // graphql-ws (the older protocol): SmallRye's route
            }
        });
    }

    /** The subprotocol the handshake will choose: the client's first that the server offers (as Netty's handshaker picks it). */
    private String chosen(RoutingContext ctx) {
        for (String header : ctx.request().headers().getAll("Sec-WebSocket-Protocol")) {
            for (String offered : header.split(",")) {
                String p = offered.strip();
                if (subprotocols.contains(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Quarkus' base class of its GraphQL handlers: the request context, the identity and the metadata exactly as for SmallRye's WebSocket handler. */
    private static final class Handler extends SmallRyeGraphQLAbstractHandler {

        private final Counter frames;
        private final Counter flushes;


        Handler(CurrentIdentityAssociation identity, CurrentVertxRequest currentRequest, boolean runBlocking, Counter frames, Counter flushes) {
            super(identity, currentRequest, runBlocking);
            this.frames = frames;
            this.flushes = flushes;
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            var metaData = getMetaData(ctx);
            Channel channel = ((ConnectionBase) ctx.request().connection()).channel();
            ctx.request().toWebSocket(upgraded -> {
                if (upgraded.failed()) {
                    LOG.warn("WebSocket upgrade failed", upgraded.cause());
                    return;
                }
                ServerWebSocket socket = upgraded.result();
                if (!SUBPROTOCOL.equals(socket.subProtocol())) {
                    socket.close();
                    return;
                }
                WsConnection connection = new WsConnection(socket, channel, metaData, getExecutionService(), frames, flushes);
                ScheduledFuture<?> expiry = identityExpiry(ctx, socket, channel);
                socket.closeHandler(v -> {
                    connection.closed();
                    if (expiry != null) {
                        expiry.cancel(false);
                    }
                });
                socket.exceptionHandler(connection::failed);
                socket.textMessageHandler(connection::onMessage);
                connection.start();
            });
        }

        /** As Quarkus does for its WebSocket handler: a connection authenticated by the upgrade request is closed when that identity expires. */
        private static ScheduledFuture<?> identityExpiry(RoutingContext ctx, ServerWebSocket socket, Channel channel) {
            if (!(ctx.user() instanceof QuarkusHttpUser user)) {
                return null;
            }
            Long expire = user.getSecurityIdentity().getAttribute("quarkus.identity.expire-time");
            if (expire == null) {
                return null;
            }
            return channel.eventLoop().schedule(() -> {
                if (!socket.isClosed()) {
                    socket.close((short) 1008, "Authentication expired");
                }
            }, expire * 1000 - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
