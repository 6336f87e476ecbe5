package io.relgraph.aggregate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** Departments that match a where, counted (0 over none), with the least and greatest values */
@Description("Departments that match a where, counted (0 over none), with the least and greatest values")
public record DepartmentAggregate(int count, @NonNull DepartmentMinMax min, @NonNull DepartmentMinMax max) {
}
