package io.relgraph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;

/** The served schema as committed (schema.graphql, which SchemaDriftTest keeps true), for tests without Quarkus. */
public final class CommittedSchema {

    private CommittedSchema() {
    }

    /** SmallRye leaves its DateTime scalar undeclared in the printed schema: declared here. */
    public static GraphQLSchema load() {
        try {
            String sdl = Files.readString(Path.of("schema.graphql"));
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(
                    new SchemaParser().parse(sdl.contains("scalar DateTime") ? sdl : sdl + "\nscalar DateTime\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
