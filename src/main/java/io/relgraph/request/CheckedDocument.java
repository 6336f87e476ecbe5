package io.relgraph.request;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.language.Document;

/**
 * A document that parsed, holds no NUL character, is not larger than the limits when its fragments
 * are expanded, and is valid against the schema; or the error that says why not. Cached by text.
 *
 * @param conditionVariables the variables that decide an {@code @include} or {@code @skip}: they may
 *        be nullable with a default, but an explicit null there is an error (graphql-java would fail)
 * @param costVariables the variables the cost of an operation depends on (those of conditions, of
 *        {@code first} arguments and in a {@code where}); when an operation reads none, its cost is the same for every request
 * @param fixedCosts the cost of each operation (by name, "" for the only one) that reads no cost variable
 */
record CheckedDocument(Document document, RequestException refusal, Set<String> conditionVariables, Set<String> costVariables,
        Map<String, QueryCost> fixedCosts) {

    CheckedDocument(Document document, Set<String> conditionVariables, Set<String> costVariables) {
        this(document, null, conditionVariables, costVariables, new ConcurrentHashMap<>());
    }

    static CheckedDocument refused(RequestException refusal) {
        return new CheckedDocument(null, refusal, Set.of(), Set.of(), Map.of());
    }
}
