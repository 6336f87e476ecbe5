package io.relgraph.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.relgraph.RelgraphConfig;
import io.vertx.ext.web.Router;

/**
 * With introspection turned off, the schema is not handed out as a file either: SmallRye's
 * {@code /graphql/schema.graphql} (a build-time setting of its own) answers 404.
 */
@ApplicationScoped
public class SchemaDownloadGuard {

    @Inject
    RelgraphConfig config;

    @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql")
    String rootPath;

    void routes(@Observes Router router) {
        if (!config.graphql().introspection()) {
            String path = "/" + rootPath.replaceAll("^/+|/+$", "") + "/schema.graphql";
            router.get(path).order(Integer.MIN_VALUE).handler(ctx -> ctx.response().setStatusCode(404).end());
        }
    }
}
