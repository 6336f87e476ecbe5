package io.relgraph.department;

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
public class DepartmentGraphQL {

    private final Reads reads;
    private final DepartmentService service;

    public DepartmentGraphQL(Reads reads, DepartmentService service) {
        this.reads = reads;
        this.service = service;
    }

    @Query
    @Description("A department by id, or null")
    public Uni<Department> department(@NonNull @Id Long id) {
        return reads.find(Department.class, Arguments.id("id", id));
    }

    @Query
    @Description("A department by its (unique) name, or null")
    public Uni<Department> departmentByName(@NonNull String name) {
        return reads.first("from Department where name = :name", Department.class, "name", Arguments.text("name", name));
    }

    @Query
    @Description("All departments, ordered by id")
    public Uni<@NonNull List<@NonNull Department>> departments() {
        return reads.list("from Department order by id", Department.class);
    }

    @Mutation
    @Description("Creates a department; CONFLICT when the name is taken")
    public Uni<@NonNull Department> createDepartment(@NonNull String name) {
        return service.create(Arguments.text("name", name));
    }

    @Mutation
    @Description("Renames a department; CONFLICT when the name is taken")
    public Uni<@NonNull Department> renameDepartment(@NonNull @Id Long id, @NonNull String name) {
        return service.rename(Arguments.id("id", id), Arguments.text("name", name));
    }

    @Mutation
    @Description("Deletes a department and its links (its employees stay); NOT_FOUND when there is none")
    public Uni<@NonNull Boolean> deleteDepartment(@NonNull @Id Long id) {
        return service.delete(Arguments.id("id", id));
    }
}
