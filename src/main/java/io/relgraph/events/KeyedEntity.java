package io.relgraph.events;

import org.eclipse.microprofile.graphql.Description;

@Description("An entity whose primary key can be changed (changeDepartmentId, changeEmployeeId, changeUserId)")
public enum KeyedEntity {
    DEPARTMENT,
    EMPLOYEE,
    USER
}
