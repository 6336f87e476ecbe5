package io.relgraph.events;

import org.eclipse.microprofile.graphql.Description;

/**
 * The types whose primary key the API may change, as the GraphQL contract names them (the key change's
 * mutations and the {@code keyChanged} events, whose triggers publish these constants). Which types are
 * keyed, their tables and which rows follow are the relational model's ({@code model.ApiNames} declares a
 * type keyed; each constant is its type's name in capitals, {@code ApiNames.constant}); start-up stops
 * when a constant names no keyed type ({@code RelationalModel.requireKeyed}).
 */
@Description("An entity whose primary key can be changed (changeDepartmentId, changeEmployeeId, changeUserId)")
public enum KeyedEntity {
    DEPARTMENT,
    EMPLOYEE,
    USER
}
