package io.relgraph.employee;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.relgraph.filter.Filters;
import io.relgraph.filter.EmployeeSort;
import io.relgraph.filter.EmployeeWhere;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.relgraph.graphql.Keyset;
import io.relgraph.graphql.ListOrder;
import io.relgraph.graphql.Pages;
import io.relgraph.graphql.RootReads;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiErrors
public class EmployeeGraphQL {

    @Description("A page of employees with its cursor; totalCount counts every match")
    public record EmployeePage(@NonNull List<@NonNull Employee> items, String endCursor, boolean hasNextPage,
            @Ignore Keyset.Query countQuery) {
    }

    private final RootReads roots;
    private final Pages pages;
    private final EmployeeService service;

    public EmployeeGraphQL(RootReads roots, Pages pages, EmployeeService service) {
        this.roots = roots;
        this.pages = pages;
        this.service = service;
    }

    @Query
    @Description("An employee by id, or null")
    public Uni<Employee> employee(@NonNull @Id Long id) {
        return roots.row("employee", Employee::from, id);
    }

    @Query
    @Description("Employees by id; name filters by exact match. Without `first`, all of them up to the server's page limit "
            + "(LIMIT_EXCEEDED beyond it). For cursors and a total count use employeePage")
    public Uni<@NonNull List<@NonNull Employee>> employees(String name, Integer first, @Id Long after,
            @Description("Only the employees this holds for (ANDed with the other arguments)") EmployeeWhere where) {
        if (where != null) {
            throw Filters.onlyCompiled("where");
        }
        return roots.list("employees", first, after, "employees", Employee::from, name);
    }

    @Query
    @Description("A page of employees (keyset: any page is as fast as the first), optionally with an exact name")
    public Uni<@NonNull EmployeePage> employeePage(@DefaultValue("100") Integer first, String after, String name,
            @DefaultValue("ID_ASC") ListOrder orderBy,
            @Description("Only the employees this holds for (ANDed with the other arguments)") EmployeeWhere where,
            @Description("The order: keys in turn, ties end by id, nulls last; not with orderBy") @io.smallrye.graphql.api.Nullable List<@NonNull EmployeeSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        return roots.page("employeePage", orderBy, first, after, Employee::from, name)
                .map(p -> new EmployeePage(p.items(), p.endCursor(), p.hasNextPage(), p.count()));
    }

    @NonNull
    @Description("How many employees match the page's filters, over all pages")
    public Uni<Integer> totalCount(@Source EmployeePage page) {
        return pages.count(page.countQuery());
    }

    @Mutation
    @Description("Creates an employee; hiredOn defaults to now")
    public Uni<@NonNull Employee> createEmployee(@NonNull String name, OffsetDateTime hiredOn) {
        return service.create(Arguments.text("name", name), hiredOn);
    }

    @Mutation
    @Description("Deletes an employee, their links and any headship; NOT_FOUND when there is none")
    public Uni<@NonNull Boolean> deleteEmployee(@NonNull @Id Long id) {
        return service.delete(Arguments.id("id", id));
    }
}
