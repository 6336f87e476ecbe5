package io.relgraph.aggregate;

import org.eclipse.microprofile.graphql.Description;

/** Addresses that match a where, counted */
@Description("Addresses that match a where, counted")
public record AddressAggregate(int count) {
}
