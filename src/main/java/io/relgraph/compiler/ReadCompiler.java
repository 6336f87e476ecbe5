package io.relgraph.compiler;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.language.Document;

/** Compiles query operations into {@link CompiledRead}s (placeholder until the compiler lands: covers nothing). */
@ApplicationScoped
public class ReadCompiler {

    /**
     * @param query the document's text (the cache key, with the operation name)
     * @param document the parsed document, already validated against the schema
     * @param operationName the operation to run (null when the document has exactly one)
     * @return the compiled operation, or null when the compiler does not cover it
     */
    public CompiledRead compile(String query, Document document, String operationName) {
        return null;
    }
}
