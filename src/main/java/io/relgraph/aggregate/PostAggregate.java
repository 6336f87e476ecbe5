package io.relgraph.aggregate;

import org.eclipse.microprofile.graphql.Description;

/** Posts that match a where, counted */
@Description("Posts that match a where, counted")
public record PostAggregate(int count) {
}
