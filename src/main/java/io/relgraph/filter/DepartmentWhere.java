package io.relgraph.filter;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A condition on a department: every field given must hold; {} is true */
@Input("DepartmentWhere")
@Description("A condition on a department: every field given must hold; {} is true")
public class DepartmentWhere {

    @Description("Every one of these holds; `and: []` is true")
    public List<@NonNull DepartmentWhere> and;

    @Description("At least one of these holds; `or: []` is false")
    public List<@NonNull DepartmentWhere> or;

    @Description("This does not hold (the exact complement)")
    public DepartmentWhere not;

    public IdFilter id;

    public StringFilter name;

    public EmployeeWhere head;

    public Boolean headExists;

    public EmployeesMatch employees;

    public LinksMatch employeeLinks;
}
