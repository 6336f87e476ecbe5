package io.relgraph.events;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/** A committed change of a link; its {@code link} field is read when resolved ({@link EventsGraphQL#link}). */
@Description("A committed change of a department-employee link. extraData is the link's value in that change (the "
        + "old value for DELETED); link is the link as it is now, null once deleted")
public record LinkEvent(@NonNull ChangeKind kind, @NonNull @Id Long departmentId, @NonNull @Id Long employeeId,
        String extraData) {
}
