package io.relgraph.filter;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A condition on a link: every field given must hold; {} is true */
@Input("LinkWhere")
@Description("A condition on a link: every field given must hold; {} is true")
public class LinkWhere {

    @Description("Every one of these holds; `and: []` is true")
    public List<@NonNull LinkWhere> and;

    @Description("At least one of these holds; `or: []` is false")
    public List<@NonNull LinkWhere> or;

    @Description("This does not hold (the exact complement)")
    public LinkWhere not;

    public StringFilter extraData;

    public DepartmentWhere department;

    public EmployeeWhere employee;
}
