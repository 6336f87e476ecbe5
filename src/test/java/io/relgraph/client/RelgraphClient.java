package io.relgraph.client;

import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.graphql.client.typesafe.api.GraphQLClientApi;
import io.smallrye.graphql.client.typesafe.api.NestedParameter;

/**
 * A typed Java client of relgraph, as a client application would write it: the selection sets are
 * derived from the records below, so they ask exactly for what the client uses.
 */
@GraphQLClientApi
public interface RelgraphClient {

    record DepartmentRef(String id, String name) {
    }

    record EmployeeRef(String id, String name) {
    }

    record Link(String extraData, DepartmentRef department, EmployeeRef employee) {
    }

    record DepartmentWithLinks(String id, String name, List<EmployeeRef> employees, List<Link> employeeLinks,
            EmployeeRef head) {
    }

    record EmployeeWithDepartments(String id, String name, List<DepartmentRef> departments, DepartmentRef headOf) {
    }

    @Mutation
    DepartmentRef createDepartment(@NonNull String name);

    @Mutation
    EmployeeRef createEmployee(@NonNull String name);

    @Mutation
    Link linkEmployee(@NonNull @Id String departmentId, @NonNull @Id String employeeId, String extraData);

    @Mutation
    EmployeeRef addEmployeeToDepartment(@NonNull @Id String departmentId, @NonNull String name);

    @Mutation
    @Name("setDepartmentHead")
    DepartmentWithLinks setDepartmentHead(@NonNull @Id String departmentId, @Id String employeeId);

    @Query
    DepartmentWithLinks departmentByName(@NonNull String name);

    @Query
    List<Link> links(@Id String departmentId, @Id String employeeId, String extraData);

    /** Nested lists carry first: an unpaged list counts the page limit in the request's row estimate. */
    @Query
    List<EmployeeWithDepartments> employees(String name, Integer first,
            @NestedParameter("departments") @Name("first") Integer departmentsFirst);
}
