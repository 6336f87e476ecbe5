package io.relgraph.keychange;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** One referencing relation that followed (or, in a dry run, would follow) a key change. */
@Description("A referencing relation that followed a key change")
public record CascadedRows(
        @NonNull @Description("\"table.column\" that followed the key, e.g. \"address.user_id\"") String relation,
        @NonNull @Description("How many rows now point at the new key (in a dry run: would)") Integer rows,
        @NonNull CascadeStrategy strategy) {
}
