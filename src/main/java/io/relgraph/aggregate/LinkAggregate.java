package io.relgraph.aggregate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** Links that match a where, counted (0 over none), with their distinct extraData values (nulls not counted) and the least and greatest values */
@Description("Links that match a where, counted (0 over none), with their distinct extraData values (nulls not counted) and the least and greatest values")
public record LinkAggregate(int count, int distinctExtraData, @NonNull LinkMinMax min, @NonNull LinkMinMax max) {
}
