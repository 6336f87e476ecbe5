package io.relgraph.link;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.relgraph.db.Reads;
import io.relgraph.department.Department;
import io.relgraph.employee.Employee;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.smallrye.mutiny.Uni;

/**
 * The many-to-many relation through {@link DepartmentEmployeeLink}: the plain lists
 * ({@code Department.employees}, {@code Employee.departments}), the association objects
 * ({@code Department.employeeLinks}, {@code Employee.departmentLinks}) and the link's two ends.
 */
@GraphQLApi
@ApiErrors
public class LinkGraphQL {

    private final Reads reads;
    private final LinkLoader loader;
    private final LinkService service;

    public LinkGraphQL(Reads reads, LinkLoader loader, LinkService service) {
        this.reads = reads;
        this.loader = loader;
        this.service = service;
    }

    @Query
    @Description("Links, filtered by any of department, employee and exact extraData; ordered by department, then employee")
    public Uni<@NonNull List<@NonNull DepartmentEmployeeLink>> links(@Id Long departmentId, @Id Long employeeId, String extraData) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (departmentId != null) {
            where.add("departmentId = :departmentId");
            params.addAll(List.of("departmentId", Arguments.id("departmentId", departmentId)));
        }
        if (employeeId != null) {
            where.add("employeeId = :employeeId");
            params.addAll(List.of("employeeId", Arguments.id("employeeId", employeeId)));
        }
        if (extraData != null) {
            where.add("extraData = :extraData");
            params.addAll(List.of("extraData", extraData));
        }
        String hql = "from DepartmentEmployeeLink" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by departmentId, employeeId";
        return reads.list(hql, DepartmentEmployeeLink.class, params.toArray());
    }

    @Description("The department's employees (the plain many-to-many view), by id")
    @NonNull
    public Uni<List<List<@NonNull Employee>>> employees(@Source List<Department> departments) {
        return loader.employeesOfDepartments(departments);
    }

    @Description("The department's links to its employees (the association objects), by employee id")
    @NonNull
    public Uni<List<List<@NonNull DepartmentEmployeeLink>>> employeeLinks(@Source List<Department> departments) {
        return loader.linksOfDepartments(departments);
    }

    @Description("The employee's departments (the plain many-to-many view), by id")
    @NonNull
    public Uni<List<List<@NonNull Department>>> departments(@Source List<Employee> employees) {
        return loader.departmentsOfEmployees(employees);
    }

    @Description("The employee's links to departments (the association objects), by department id")
    @NonNull
    public Uni<List<List<@NonNull DepartmentEmployeeLink>>> departmentLinks(@Source List<Employee> employees) {
        return loader.linksOfEmployees(employees);
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
