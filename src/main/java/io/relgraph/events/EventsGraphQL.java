package io.relgraph.events;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.relgraph.db.Reads;
import io.relgraph.department.Department;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.relgraph.link.DepartmentEmployeeLink;
import io.relgraph.model.ModelReader;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The subscriptions, over WebSocket at {@code /graphql} (graphql-transport-ws or graphql-ws): their
 * fields, arguments and descriptions. A subscription whose selection the read compiler covers is
 * answered by {@link SharedEvents} instead of these methods (once per event for all subscribers of
 * the same selection: {@link EventExecution}); these answer the rest per subscriber (the compiler
 * turned off): the event objects' own fields come from the notification; {@code link} and
 * {@code department} are read from the database when a subscriber selects them, and from there on
 * every relation resolves as in a query (the same batch loaders).
 */
@GraphQLApi
@ApiErrors
public class EventsGraphQL {

    private final ChangeFeed feed;
    private final Reads reads;
    private final ModelReader model;

    public EventsGraphQL(ChangeFeed feed, Reads reads, ModelReader model) {
        this.feed = feed;
        this.reads = reads;
        this.model = model;
    }

    @Subscription
    @Description("Every committed change of a link (created, extraData updated, deleted, also by a department's or "
            + "employee's deletion), optionally only those of one department and/or one employee")
    public Multi<@NonNull LinkEvent> linkChanged(@Id Long departmentId, @Id Long employeeId) {
        Long department = departmentId == null ? null : Arguments.id("departmentId", departmentId);
        Long employee = employeeId == null ? null : Arguments.id("employeeId", employeeId);
        return feed.changes(LinkEvent.class, e -> (department == null || department.equals(e.departmentId()))
                && (employee == null || employee.equals(e.employeeId())));
    }

    @Subscription
    @Description("Every committed primary-key change (changeDepartmentId, changeEmployeeId, changeUserId or plain SQL), "
            + "optionally of one kind of entity")
    public Multi<@NonNull KeyChangeEvent> keyChanged(KeyedEntity entity) {
        return feed.changes(KeyChangeEvent.class, e -> entity == null || entity == e.entity());
    }

    @Subscription
    @Description("Every committed change of a department (created, renamed, head set or cleared, deleted), optionally "
            + "of one department")
    public Multi<@NonNull DepartmentEvent> departmentChanged(@Id Long id) {
        Long department = id == null ? null : Arguments.id("id", id);
        return feed.changes(DepartmentEvent.class, e -> department == null || department.equals(e.id()));
    }

    @Description("The link as it is now; null when the event deleted it (or a later change did)")
    public Uni<DepartmentEmployeeLink> link(@Source LinkEvent event) {
        if (event.kind() == ChangeKind.DELETED) {
            return Uni.createFrom().nullItem();
        }
        // the link's row by its key, (department_id, employee_id) in the model's key order
        return reads.first(model.model().entity("DepartmentEmployeeLink").rowByKey(), Tuple.of(event.departmentId(), event.employeeId()),
                DepartmentEmployeeLink::from);
    }

    @Description("The department as it is now; null when the event deleted it (or a later change did)")
    public Uni<Department> department(@Source DepartmentEvent event) {
        if (event.kind() == DepartmentChangeKind.DELETED) {
            return Uni.createFrom().nullItem();
        }
        return reads.first(model.model().entity("Department").rowByKey(), Tuple.of(event.id()), Department::from);
    }
}
