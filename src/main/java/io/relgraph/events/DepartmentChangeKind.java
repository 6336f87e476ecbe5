package io.relgraph.events;

import org.eclipse.microprofile.graphql.Description;

@Description("What happened to a department")
public enum DepartmentChangeKind {
    CREATED,
    RENAMED,
    /** A head was set or replaced (also on creation with a head). */
    HEAD_SET,
    /** The head was removed, or the employee who headed it was deleted. */
    HEAD_CLEARED,
    DELETED
}
