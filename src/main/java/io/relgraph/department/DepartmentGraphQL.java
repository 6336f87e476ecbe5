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

import io.relgraph.filter.Filters;
import io.relgraph.filter.DepartmentSort;
import io.relgraph.filter.DepartmentWhere;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.relgraph.graphql.Keyset;
import io.relgraph.graphql.ListOrder;
import io.relgraph.graphql.Pages;
import io.relgraph.graphql.RootReads;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@ApiErrors
public class DepartmentGraphQL {

    @Description("A page of departments with its cursor; totalCount counts every match")
    public record DepartmentPage(@NonNull List<@NonNull Department> items, String endCursor, boolean hasNextPage,
            @Ignore Keyset.Query countQuery) {
    }

    private final RootReads roots;
    private final Pages pages;
    private final DepartmentService service;

    public DepartmentGraphQL(RootReads roots, Pages pages, DepartmentService service) {
        this.roots = roots;
        this.pages = pages;
        this.service = service;
    }

    @Query
    @Description("A department by id, or null")
    public Uni<Department> department(@NonNull @Id Long id) {
        return roots.row("department", Department::from, id);
    }

    @Query
    @Description("A department by its (unique) name, or null")
    public Uni<Department> departmentByName(@NonNull String name) {
        return roots.row("departmentByName", Department::from, name);
    }

    @Query
    @Description("Departments by id: the first `first` after id `after`; without `first`, all of them up to the server's "
            + "page limit (LIMIT_EXCEEDED beyond it). For cursors and a total count use departmentPage")
    public Uni<@NonNull List<@NonNull Department>> departments(Integer first, @Id Long after,
            @Description("Only the departments this holds for (ANDed with the other arguments)") DepartmentWhere where) {
        if (where != null) {
            throw Filters.onlyCompiled("where");
        }
        return roots.list("departments", first, after, "departments", Department::from);
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
        return roots.page("departmentPage", orderBy, first, after, Department::from, name)
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
