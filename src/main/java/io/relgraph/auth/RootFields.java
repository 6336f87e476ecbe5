package io.relgraph.auth;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

/** The root field names of an operation, through fragments, whatever their directives say (the safe side). */
public final class RootFields {

    private RootFields() {
    }

    public static Set<String> of(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        Set<String> names = new LinkedHashSet<>();
        collect(operation.getSelectionSet(), fragments, names, new java.util.HashSet<>());
        return names;
    }

    private static void collect(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> names,
            Set<String> seenFragments) {
        if (set == null) {
            return;
        }
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof graphql.language.Field f) {
                names.add(f.getName());
            } else if (s instanceof InlineFragment inline) {
                collect(inline.getSelectionSet(), fragments, names, seenFragments);
            } else if (s instanceof FragmentSpread spread && seenFragments.add(spread.getName())) {
                FragmentDefinition def = fragments.get(spread.getName());
                if (def != null) {
                    collect(def.getSelectionSet(), fragments, names, seenFragments);
                }
            }
        }
    }
}
