package io.relgraph.aggregate;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;

/** The least or greatest value of each field over the rows (null over no rows) */
@Description("The least or greatest value of each field over the rows (null over no rows)")
public record EmployeeMinMax(String name, OffsetDateTime hiredOn) {
}
