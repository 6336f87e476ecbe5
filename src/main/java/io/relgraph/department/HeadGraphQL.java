package io.relgraph.department;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.relgraph.employee.Employee;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.relgraph.graphql.RelationLoader;
import io.smallrye.mutiny.Uni;

/** The one-to-one relation: {@code Department.head} and its backref {@code Employee.headOf}. */
@GraphQLApi
@ApiErrors
public class HeadGraphQL {

    private final RelationLoader relations;
    private final DepartmentService service;

    public HeadGraphQL(RelationLoader relations, DepartmentService service) {
        this.relations = relations;
        this.service = service;
    }

    @Description("The employee who heads the department, or null")
    public Uni<List<Employee>> head(@Source List<Department> departments) {
        return relations.one("Department", "head", departments, Employee::from);
    }

    @Description("The department this employee heads, or null")
    public Uni<List<Department>> headOf(@Source List<Employee> employees) {
        return relations.one("Employee", "headOf", employees, Department::from);
    }

    @Mutation("setDepartmentHead")
    @Description("Makes the employee head of the department; a null employeeId clears it. CONFLICT when the employee already heads another department")
    public Uni<@NonNull Department> setDepartmentHead(@NonNull @Id Long departmentId, @Id Long employeeId) {
        return service.setHead(Arguments.id("departmentId", departmentId), Arguments.optionalId("employeeId", employeeId));
    }
}
