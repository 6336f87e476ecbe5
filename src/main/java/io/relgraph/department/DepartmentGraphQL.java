package io.relgraph.department;

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

import io.relgraph.db.Reads;
import io.relgraph.filter.Filters;
import io.relgraph.filter.DepartmentSort;
import io.relgraph.filter.DepartmentWhere;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.relgraph.graphql.Keyset;
import io.relgraph.graphql.ListOrder;
import io.relgraph.graphql.PageLimits;
import io.relgraph.graphql.Pages;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

@GraphQLApi
@ApiErrors
public class DepartmentGraphQL {

    static final String COLUMNS = "id, name, head_id";

    @Description("A page of departments with its cursor; totalCount counts every match")
    public record DepartmentPage(@NonNull List<@NonNull Department> items, String endCursor, boolean hasNextPage,
            @Ignore Keyset.Query countQuery) {
    }

    private final Reads reads;
    private final Pages pages;
    private final PageLimits limits;
    private final DepartmentService service;

    public DepartmentGraphQL(Reads reads, Pages pages, PageLimits limits, DepartmentService service) {
        this.reads = reads;
        this.pages = pages;
        this.limits = limits;
        this.service = service;
    }

    @Query
    @Description("A department by id, or null")
    public Uni<Department> department(@NonNull @Id Long id) {
        return reads.first("select " + COLUMNS + " from department where id = $1", Tuple.of(Arguments.id("id", id)), Department::from);
    }

    @Query
    @Description("A department by its (unique) name, or null")
    public Uni<Department> departmentByName(@NonNull String name) {
        return reads.first("select " + COLUMNS + " from department where name = $1", Tuple.of(Arguments.text("name", name)),
                Department::from);
    }

    @Query
    @Description("Departments by id: the first `first` after id `after`; without `first`, all of them up to the server's "
            + "page limit (LIMIT_EXCEEDED beyond it). For cursors and a total count use departmentPage")
    public Uni<@NonNull List<@NonNull Department>> departments(Integer first, @Id Long after,
            @Description("Only the departments this holds for (ANDed with the other arguments)") DepartmentWhere where) {
        if (where != null) {
            throw Filters.onlyCompiled("where");
        }
        return reads.list("select " + COLUMNS + " from department where id > $1 order by id limit $2",
                Tuple.of(after == null ? 0L : after, limits.limit(first)), Department::from)
                .map(rows -> limits.complete(rows, first, "departments"));
    }

    @Query
    @Description("A page of departments (keyset: any page is as fast as the first), optionally with an exact name")
    public Uni<@NonNull DepartmentPage> departmentPage(@DefaultValue("100") Integer first, String after, String name,
            @DefaultValue("ID_ASC") ListOrder orderBy,
            @Description("Only the departments this holds for (ANDed with the other arguments)") DepartmentWhere where,
            @Description("The order: keys in turn, ties end by id, nulls last; not with orderBy") @io.smallrye.graphql.api.Nullable List<@NonNull DepartmentSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        return pages.byName(ListOrder.orDefault(orderBy).keyset("department", COLUMNS), name, first, after, Department::from)
                .map(p -> new DepartmentPage(p.items(), p.endCursor(), p.hasNextPage(), p.count()));
    }

    @NonNull
    @Description("How many departments match the page's filters, over all pages")
    public Uni<Integer> totalCount(@Source DepartmentPage page) {
        return pages.count(page.countQuery());
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
