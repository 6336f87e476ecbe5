package io.relgraph.employee;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.relgraph.db.Reads;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiErrors
public class EmployeeGraphQL {

    private final Reads reads;
    private final EmployeeService service;

    public EmployeeGraphQL(Reads reads, EmployeeService service) {
        this.reads = reads;
        this.service = service;
    }

    @Query
    @Description("An employee by id, or null")
    public Uni<Employee> employee(@NonNull @Id Long id) {
        return reads.find(Employee.class, Arguments.id("id", id));
    }

    @Query
    @Description("Employees by id; name filters by exact match")
    public Uni<@NonNull List<@NonNull Employee>> employees(String name) {
        if (name != null) {
            return reads.list("from Employee where name = :name order by id", Employee.class, "name", name);
        }
        return reads.list("from Employee order by id", Employee.class);
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
