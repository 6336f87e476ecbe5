package io.relgraph.keychange;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import io.relgraph.db.Reads;
import io.relgraph.department.Department;
import io.relgraph.employee.Employee;
import io.relgraph.events.KeyedEntity;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.relgraph.user.User;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Primary-key changes that cascade, with a report of what moved (or, with dryRun, would move). */
@GraphQLApi
@ApiErrors
public class KeyChangeGraphQL {

    @Description("A department's key change: the department at its new key (in a dry run, its current one) and what followed")
    public record DepartmentKeyChange(@NonNull Department department, @NonNull List<@NonNull CascadedRows> cascaded) {
    }

    @Description("An employee's key change: the employee at the new key (in a dry run, the current one) and what followed")
    public record EmployeeKeyChange(@NonNull Employee employee, @NonNull List<@NonNull CascadedRows> cascaded) {
    }

    @Description("A user's key change: the user at the new key (in a dry run, the current one) and what followed")
    public record UserKeyChange(@NonNull User user, @NonNull List<@NonNull CascadedRows> cascaded) {
    }

    private final KeyChangeService service;
    private final Reads reads;

    public KeyChangeGraphQL(KeyChangeService service, Reads reads) {
        this.service = service;
        this.reads = reads;
    }

    @Mutation
    @Description("Changes a department's id; its links follow (DATABASE). dryRun reports what would move and changes nothing")
    public Uni<@NonNull DepartmentKeyChange> changeDepartmentId(@NonNull @Id Long id, @NonNull @Id Long newId,
            @DefaultValue("false") boolean dryRun) {
        return change(KeyedEntity.DEPARTMENT, Department::from, id, newId, dryRun).map(r -> new DepartmentKeyChange(r.entity, r.cascaded));
    }

    @Mutation
    @Description("Changes an employee's id; links and a headship follow (DATABASE). dryRun reports what would move and changes nothing")
    public Uni<@NonNull EmployeeKeyChange> changeEmployeeId(@NonNull @Id Long id, @NonNull @Id Long newId,
            @DefaultValue("false") boolean dryRun) {
        return change(KeyedEntity.EMPLOYEE, Employee::from, id, newId, dryRun).map(r -> new EmployeeKeyChange(r.entity, r.cascaded));
    }

    @Mutation
    @Description("Changes a user's id; posts follow (DATABASE), addresses are moved by the service (APPLICATION). dryRun reports what would move and changes nothing")
    public Uni<@NonNull UserKeyChange> changeUserId(@NonNull @Id Long id, @NonNull @Id Long newId,
            @DefaultValue("false") boolean dryRun) {
        return change(KeyedEntity.USER, User::from, id, newId, dryRun).map(r -> new UserKeyChange(r.entity, r.cascaded));
    }

    private record Result<T>(T entity, List<CascadedRows> cascaded) {
    }

    /** The change commits first; the entity is then read fresh, at the key it has now (its row as the model reads it). */
    private <T> Uni<Result<T>> change(KeyedEntity which, Function<Row, T> mapper, Long id, Long newId, boolean dryRun) {
        long from = Arguments.id("id", id);
        long to = Arguments.id("newId", newId);
        String select = service.entity(which).rowByKey();
        return service.change(which, from, to, dryRun)
                .chain(cascaded -> reads.first(select, Tuple.of(dryRun ? from : to), mapper).map(entity -> new Result<>(entity, cascaded)));
    }
}
