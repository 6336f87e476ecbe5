package io.relgraph.aggregate;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.relgraph.department.Department;
import io.relgraph.employee.Employee;
import io.relgraph.filter.AddressWhere;
import io.relgraph.filter.DepartmentWhere;
import io.relgraph.filter.EmployeeWhere;
import io.relgraph.filter.Filters;
import io.relgraph.filter.LinkWhere;
import io.relgraph.filter.PostWhere;
import io.relgraph.filter.UserWhere;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.user.User;

/**
 * Aggregates (count, min, max over the rows a where matches) and groups of links, at the root and
 * per parent. These fields are answered by the read compiler ({@code io.relgraph.compiler}) inside
 * the one statement of a query; the resolver engine has no batch loader for them and says so with
 * a VALIDATION error ({@link Filters#onlyCompiled}).
 */
@GraphQLApi
@ApiErrors
public class AggregateGraphQL {

    @Query
    @Description("The departments that match where: how many, the least and greatest name")
    public @NonNull DepartmentAggregate departmentsAggregate(DepartmentWhere where) {
        throw Filters.onlyCompiled("departmentsAggregate");
    }

    @Query
    @Description("The employees that match where: how many, the least and greatest name and hiredOn")
    public @NonNull EmployeeAggregate employeesAggregate(EmployeeWhere where) {
        throw Filters.onlyCompiled("employeesAggregate");
    }

    @Query
    @Description("The links that match where: how many, how many distinct extraData, the least and greatest extraData")
    public @NonNull LinkAggregate linksAggregate(LinkWhere where) {
        throw Filters.onlyCompiled("linksAggregate");
    }

    @Query
    @Description("The users that match where: how many")
    public @NonNull UserAggregate usersAggregate(UserWhere where) {
        throw Filters.onlyCompiled("usersAggregate");
    }

    @Query
    @Description("Links that match where, one group per distinct value of the keys in by, counted; by count descending, then by "
            + "the keys (nulls last); the first `first` groups")
    public @NonNull List<@NonNull LinkGroup> linkGroups(@NonNull List<@NonNull LinkGroupKey> by, LinkWhere where,
            @DefaultValue("100") Integer first) {
        throw Filters.onlyCompiled("linkGroups");
    }

    @NonNull
    @Description("The department's employees that match where: how many, the least and greatest name and hiredOn")
    @Name("employeesAggregate")
    public EmployeeAggregate employeesOfDepartmentAggregate(@Source Department department, EmployeeWhere where) {
        throw Filters.onlyCompiled("Department.employeesAggregate");
    }

    @NonNull
    @Description("The department's links that match where: how many, how many distinct extraData, the least and greatest extraData")
    public LinkAggregate employeeLinksAggregate(@Source Department department, LinkWhere where) {
        throw Filters.onlyCompiled("Department.employeeLinksAggregate");
    }

    @NonNull
    @Description("The department's links that match where, grouped by the keys in by (see Query.linkGroups)")
    public List<@NonNull LinkGroup> employeeLinkGroups(@Source Department department, @NonNull List<@NonNull LinkGroupKey> by,
            LinkWhere where, @DefaultValue("100") Integer first) {
        throw Filters.onlyCompiled("Department.employeeLinkGroups");
    }

    @NonNull
    @Description("The employee's departments that match where: how many, the least and greatest name")
    @Name("departmentsAggregate")
    public DepartmentAggregate departmentsOfEmployeeAggregate(@Source Employee employee, DepartmentWhere where) {
        throw Filters.onlyCompiled("Employee.departmentsAggregate");
    }

    @NonNull
    @Description("The employee's links that match where: how many, how many distinct extraData, the least and greatest extraData")
    public LinkAggregate departmentLinksAggregate(@Source Employee employee, LinkWhere where) {
        throw Filters.onlyCompiled("Employee.departmentLinksAggregate");
    }

    @NonNull
    @Description("The employee's links that match where, grouped by the keys in by (see Query.linkGroups)")
    public List<@NonNull LinkGroup> departmentLinkGroups(@Source Employee employee, @NonNull List<@NonNull LinkGroupKey> by,
            LinkWhere where, @DefaultValue("100") Integer first) {
        throw Filters.onlyCompiled("Employee.departmentLinkGroups");
    }

    @NonNull
    @Description("The user's posts that match where: how many")
    public PostAggregate postsAggregate(@Source User user, PostWhere where) {
        throw Filters.onlyCompiled("User.postsAggregate");
    }

    @NonNull
    @Description("The user's addresses that match where: how many")
    public AddressAggregate addressesAggregate(@Source User user, AddressWhere where) {
        throw Filters.onlyCompiled("User.addressesAggregate");
    }
}
