package io.relgraph.link;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.relgraph.filter.Filters;
import io.relgraph.filter.DepartmentSort;
import io.relgraph.filter.DepartmentWhere;
import io.relgraph.filter.EmployeeSort;
import io.relgraph.filter.EmployeeWhere;
import io.relgraph.filter.LinkSort;
import io.relgraph.filter.LinkWhere;
import io.relgraph.department.Department;
import io.relgraph.employee.Employee;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.relgraph.graphql.Keyset;
import io.relgraph.graphql.Pages;
import io.relgraph.graphql.RelationArguments;
import io.relgraph.graphql.RelationLoader;
import io.relgraph.graphql.RootReads;
import io.smallrye.mutiny.Uni;

/**
 * The many-to-many relation through {@link DepartmentEmployeeLink}: the plain lists
 * ({@code Department.employees}, {@code Employee.departments}), the association objects
 * ({@code Department.employeeLinks}, {@code Employee.departmentLinks}) and the link's two ends.
 */
@GraphQLApi
@ApiErrors
public class LinkGraphQL {

    private final RootReads roots;
    private final RelationLoader relations;
    private final LinkLoader loader;
    private final LinkService service;
    private final RelationArguments relationArguments;
    private final Pages pages;

    public LinkGraphQL(RootReads roots, RelationLoader relations, LinkLoader loader, LinkService service,
            RelationArguments relationArguments, Pages pages) {
        this.roots = roots;
        this.relations = relations;
        this.pages = pages;
        this.loader = loader;
        this.service = service;
        this.relationArguments = relationArguments;
    }

    @Query
    @Description("Links, filtered by any of department, employee and exact extraData; ordered by department, then "
            + "employee. Without `first`, all of them up to the server's page limit (LIMIT_EXCEEDED beyond it)")
    public Uni<@NonNull List<@NonNull DepartmentEmployeeLink>> links(@Id Long departmentId, @Id Long employeeId, String extraData,
            Integer first, @Description("Only the links this holds for (ANDed with the other arguments)") LinkWhere where) {
        if (where != null) {
            throw Filters.onlyCompiled("where");
        }
        return roots.list("links", first, null, "links", DepartmentEmployeeLink::from, departmentId, employeeId, extraData);
    }

    @Description("A page of links with its cursor; totalCount counts every match")
    public record LinkPage(@NonNull List<@NonNull DepartmentEmployeeLink> items, String endCursor, boolean hasNextPage,
            @org.eclipse.microprofile.graphql.Ignore Keyset.Query countQuery) {
    }

    @Query
    @Description("A page of links ordered by department, then employee (keyset: any page is as fast as the first), with the "
            + "same filters as links")
    public Uni<@NonNull LinkPage> linkPage(@org.eclipse.microprofile.graphql.DefaultValue("100") Integer first, String after,
            @Id Long departmentId, @Id Long employeeId, String extraData,
            @Description("Only the links this holds for (ANDed with the other arguments)") LinkWhere where,
            @Description("The order: keys in turn, ties end by department and employee, nulls last") @io.smallrye.graphql.api.Nullable List<@NonNull LinkSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        return roots.page("linkPage", null, first, after, DepartmentEmployeeLink::from, departmentId, employeeId, extraData)
                .map(p -> new LinkPage(p.items(), p.endCursor(), p.hasNextPage(), p.count()));
    }

    @NonNull
    @Description("How many links match the page's filters, over all pages")
    public Uni<Integer> totalCount(@Source LinkPage page) {
        return pages.count(page.countQuery());
    }

    @NonNull
    @Description("The department's employees (the plain many-to-many view), by id: the first `first` after employee id `after`")
    public Uni<List<List<@NonNull Employee>>> employees(@Source List<Department> departments, Integer first, @Id Long after,
            @Description("Only the employees this holds for") EmployeeWhere where,
            @Description("The order: keys in turn, ties end by id, nulls last; not with after") @io.smallrye.graphql.api.Nullable List<@NonNull EmployeeSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        relationArguments.requireOneSet("employees");
        return relations.list("Department", "employees", departments, first, after, "employees", Employee::from);
    }

    @NonNull
    @Description("The department's links to its employees (the association objects), by employee id: the first `first` after employee id `after`")
    public Uni<List<List<@NonNull DepartmentEmployeeLink>>> employeeLinks(@Source List<Department> departments, Integer first,
            @Id Long after, @Description("Only the links this holds for") LinkWhere where,
            @Description("The order: keys in turn, ties end by employee, nulls last; not with after") @io.smallrye.graphql.api.Nullable List<@NonNull LinkSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        relationArguments.requireOneSet("employeeLinks");
        return loader.linksOfDepartments(departments, first, after, relationArguments.selects("employee"));
    }

    @NonNull
    @Description("The employee's departments (the plain many-to-many view), by id: the first `first` after department id `after`")
    public Uni<List<List<@NonNull Department>>> departments(@Source List<Employee> employees, Integer first, @Id Long after,
            @Description("Only the departments this holds for") DepartmentWhere where,
            @Description("The order: keys in turn, ties end by id, nulls last; not with after") @io.smallrye.graphql.api.Nullable List<@NonNull DepartmentSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        relationArguments.requireOneSet("departments");
        return relations.list("Employee", "departments", employees, first, after, "departments", Department::from);
    }

    @NonNull
    @Description("The employee's links to departments (the association objects), by department id: the first `first` after department id `after`")
    public Uni<List<List<@NonNull DepartmentEmployeeLink>>> departmentLinks(@Source List<Employee> employees, Integer first,
            @Id Long after, @Description("Only the links this holds for") LinkWhere where,
            @Description("The order: keys in turn, ties end by department, nulls last; not with after") @io.smallrye.graphql.api.Nullable List<@NonNull LinkSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        relationArguments.requireOneSet("departmentLinks");
        return loader.linksOfEmployees(employees, first, after, relationArguments.selects("department"));
    }

    @NonNull
    public Uni<List<Department>> department(@Source List<DepartmentEmployeeLink> links) {
        return loader.departmentOf(links);
    }

    @NonNull
    public Uni<List<Employee>> employee(@Source List<DepartmentEmployeeLink> links) {
        return loader.employeeOf(links);
    }

    @Mutation
    @Description("Links an employee to a department with optional extraData; CONFLICT when they are linked already")
    public Uni<@NonNull DepartmentEmployeeLink> linkEmployee(@NonNull @Id Long departmentId, @NonNull @Id Long employeeId,
            String extraData) {
        return service.link(Arguments.id("departmentId", departmentId), Arguments.id("employeeId", employeeId),
                Arguments.optionalText("extraData", extraData));
    }

    @Mutation
    @Description("Sets a link's extraData (null clears it); NOT_FOUND when the two are not linked")
    public Uni<@NonNull DepartmentEmployeeLink> updateLink(@NonNull @Id Long departmentId, @NonNull @Id Long employeeId,
            String extraData) {
        return service.update(Arguments.id("departmentId", departmentId), Arguments.id("employeeId", employeeId),
                Arguments.optionalText("extraData", extraData));
    }

    @Mutation
    @Description("Removes a link (both stay); NOT_FOUND when the two are not linked")
    public Uni<@NonNull Boolean> unlinkEmployee(@NonNull @Id Long departmentId, @NonNull @Id Long employeeId) {
        return service.unlink(Arguments.id("departmentId", departmentId), Arguments.id("employeeId", employeeId));
    }

    @Mutation
    @Description("The plain many-to-many append: creates an employee and links it with null extraData")
    public Uni<@NonNull Employee> addEmployeeToDepartment(@NonNull @Id Long departmentId, @NonNull String name) {
        return service.addNewEmployee(Arguments.id("departmentId", departmentId), Arguments.text("name", name),
                OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS));
    }
}
