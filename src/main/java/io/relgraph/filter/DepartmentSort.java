package io.relgraph.filter;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** A key to sort departments by. Each element of a sort sets exactly one field; ties end by id; nulls sort last in both directions */
@Input("DepartmentSort")
@Description("A key to sort departments by. Each element of a sort sets exactly one field; ties end by id; nulls sort last in both directions")
public class DepartmentSort {

    public SortDirection id;

    public SortDirection name;

    public EmployeeSort head;

    public SortDirection employeesCount;
}
