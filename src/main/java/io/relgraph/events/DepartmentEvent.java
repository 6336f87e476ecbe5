package io.relgraph.events;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A committed change of a department; its {@code department} field is read when resolved. */
@Description("A committed change of a department (a key change is a keyChanged event instead). department is the "
        + "department as it is now, null once deleted")
public record DepartmentEvent(@NonNull DepartmentChangeKind kind, @NonNull @Id Long id) {
}
