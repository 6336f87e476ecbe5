package io.relgraph.filter;

import org.eclipse.microprofile.graphql.Description;

/** Ascending or descending; nulls sort last either way. */
@Description("Ascending or descending; nulls sort last either way")
public enum SortDirection {
    ASC, DESC
}
