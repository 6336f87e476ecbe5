package io.relgraph.aggregate;

import org.eclipse.microprofile.graphql.Description;

/** What links are grouped by. */
@Description("What links are grouped by: their extraData, their department, their employee")
public enum LinkGroupKey {
    EXTRA_DATA, DEPARTMENT, EMPLOYEE
}
