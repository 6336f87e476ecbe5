package io.relgraph.aggregate;

import org.eclipse.microprofile.graphql.Description;

/** Users that match a where, counted */
@Description("Users that match a where, counted")
public record UserAggregate(int count) {
}
