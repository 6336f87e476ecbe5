package io.relgraph.aggregate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** Employees that match a where, counted (0 over none), with the least and greatest values */
@Description("Employees that match a where, counted (0 over none), with the least and greatest values")
public record EmployeeAggregate(int count, @NonNull EmployeeMinMax min, @NonNull EmployeeMinMax max) {
}
