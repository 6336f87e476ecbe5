package io.relgraph.filter;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A condition on an employee: every field given must hold; {} is true */
@Input("EmployeeWhere")
@Description("A condition on an employee: every field given must hold; {} is true")
public class EmployeeWhere {

    @Description("Every one of these holds; `and: []` is true")
    public List<@NonNull EmployeeWhere> and;

    @Description("At least one of these holds; `or: []` is false")
    public List<@NonNull EmployeeWhere> or;

    @Description("This does not hold (the exact complement)")
    public EmployeeWhere not;

    public IdFilter id;

    public StringFilter name;

    public DateTimeFilter hiredOn;

    public DepartmentWhere headOf;

    public Boolean headOfExists;

    public DepartmentsMatch departments;

    public LinksMatch departmentLinks;
}
