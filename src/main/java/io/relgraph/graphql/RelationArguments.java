package io.relgraph.graphql;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

/**
 * In the resolver engine, relation fields are batch-loaded per level, and a batch runs with one set
 * of arguments (SmallRye takes the first parent's). So that two aliases of one relation with
 * different {@code first} or {@code after} never get each other's rows, a request the resolver
 * engine answers may use each relation field with one set of arguments only; more is a VALIDATION
 * error that says so, never a wrong answer. Queries normally never get here with several sets: the
 * read compiler answers them (one subquery per use); this guards mutations' payloads, requests sent
 * with {@code X-Relgraph-Engine: resolver}, and compiled reads whose answer is an error anyway.
 */
@ApplicationScoped
public class RelationArguments {

    private static final Set<String> ROOT_TYPES = Set.of("Query", "Mutation", "Subscription");

    private final Context context;

    public RelationArguments(Context context) {
        this.context = context;
    }

    public void requireOneSet(String relation) {
        DataFetchingEnvironment dfe;
        try {
            dfe = context.unwrap(DataFetchingEnvironment.class);
        } catch (RuntimeException e) {
            return; // no request context (not reachable from GraphQL): nothing to compare
        }
        if (dfe == null || dfe.getDocument() == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Definition<?> d : dfe.getDocument().getDefinitions()) {
            if (d instanceof OperationDefinition op) {
                collectBelowRoot(op.getSelectionSet(), relation, seen);
            } else if (d instanceof FragmentDefinition fd) {
                if (fd.getTypeCondition() != null && ROOT_TYPES.contains(fd.getTypeCondition().getName())) {
                    collectBelowRoot(fd.getSelectionSet(), relation, seen);
                } else {
                    collect(fd.getSelectionSet(), relation, seen);
                }
            }
        }
        if (seen.size() > 1) {
            // the read compiler answers such queries; one gets here when its answer is an error anyway (e.g. one use's first is
            // refused), for a mutation's payload, or when the resolver engine was asked for
            throw ApiException.validation("'" + relation + "' is used with different arguments " + seen
                    + " in one request; the resolver engine loads relation fields in batches, one set of arguments per relation and"
                    + " request (a query with several sets is answered unless one of them is refused: check each use's first and after)");
        }
    }

    /**
     * Whether the field being resolved selects {@code child} directly below it (a look-ahead, so a
     * loader can join what the next level will ask for). False when it cannot tell: the next level
     * then loads it itself.
     */
    public boolean selects(String child) {
        try {
            DataFetchingEnvironment dfe = context.unwrap(DataFetchingEnvironment.class);
            return dfe != null && dfe.getSelectionSet() != null && dfe.getSelectionSet().contains(child);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A root selection set (an operation's, or a fragment's on a root type): its fields are root fields,
     * not relations, even when they share a relation's name ({@code departments}, {@code employees}),
     * also inside inline fragments at that level.
     */
    private static void collectBelowRoot(SelectionSet set, String relation, Set<String> seen) {
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                collect(f.getSelectionSet(), relation, seen);
            } else if (s instanceof InlineFragment inline) {
                collectBelowRoot(inline.getSelectionSet(), relation, seen);
            }
        }
    }

    private static void collect(SelectionSet set, String relation, Set<String> seen) {
        if (set == null) {
            return;
        }
        for (Selection<?> s : set.getSelections()) {
            collect(s, relation, seen);
        }
    }

    private static void collect(Selection<?> s, String relation, Set<String> seen) {
        if (s instanceof Field f) {
            if (f.getName().equals(relation)) {
                seen.add(f.getArguments().stream().map(AstPrinter::printAst).sorted().toList().toString());
            }
            collect(f.getSelectionSet(), relation, seen);
        } else if (s instanceof InlineFragment inline) {
            collect(inline.getSelectionSet(), relation, seen);
        }
    }
}
