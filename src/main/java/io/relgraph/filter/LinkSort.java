package io.relgraph.filter;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** A key to sort links by. Each element of a sort sets exactly one field; ties end by id; nulls sort last in both directions */
@Input("LinkSort")
@Description("A key to sort links by. Each element of a sort sets exactly one field; ties end by id; nulls sort last in both directions")
public class LinkSort {

    public SortDirection extraData;

    public DepartmentSort department;

    public EmployeeSort employee;
}
