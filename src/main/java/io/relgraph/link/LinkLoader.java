package io.relgraph.link;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.department.Department;
import io.relgraph.employee.Employee;
import io.relgraph.graphql.RelationLoader;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The link rows' look-ahead over {@link RelationLoader}: when a client selects {@code employee} below
 * {@code employeeLinks} (or {@code department} below {@code departmentLinks}), the links' statement joins
 * it and the entity keeps it, so that level needs no statement. The statements are the model's.
 */
@ApplicationScoped
public class LinkLoader {

    private static final String LINK = "DepartmentEmployeeLink";

    private final RelationLoader relations;

    public LinkLoader(RelationLoader relations) {
        this.relations = relations;
    }

    /** @param withEmployees join each link's employee too (the client selects {@code employee} below the links) */
    public Uni<List<List<DepartmentEmployeeLink>>> linksOfDepartments(List<Department> departments, Integer first, Long after,
            boolean withEmployees) {
        return links("Department", "employeeLinks", withEmployees ? "employee" : null, departments, first, after,
                (l, row) -> l.joinedEmployee = Employee.from(row));
    }

    /** @param withDepartments join each link's department too (the client selects {@code department} below the links) */
    public Uni<List<List<DepartmentEmployeeLink>>> linksOfEmployees(List<Employee> employees, Integer first, Long after,
            boolean withDepartments) {
        return links("Employee", "departmentLinks", withDepartments ? "department" : null, employees, first, after,
                (l, row) -> l.joinedDepartment = Department.from(row));
    }

    /** The links of {@code type}'s list {@code field}, with the row at their end {@code end} joined (null: none) where the model allows. */
    private <P> Uni<List<List<DepartmentEmployeeLink>>> links(String type, String field, String end, List<P> parents, Integer first,
            Long after, BiConsumer<DepartmentEmployeeLink, Row> keepEnd) {
        boolean joined = end != null && relations.joins(type, field, end);
        return relations.list(type, field, joined ? end : null, parents, first, after, "links", row -> {
            DepartmentEmployeeLink l = DepartmentEmployeeLink.from(row);
            if (joined) {
                keepEnd.accept(l, row);
            }
            return l;
        });
    }

    /** Each link's department: joined already, or one statement for the links without it. */
    public Uni<List<Department>> departmentOf(List<DepartmentEmployeeLink> links) {
        return joinedOr(links, l -> l.joinedDepartment, missing -> relations.one(LINK, "department", missing, Department::from));
    }

    /** Each link's employee: joined already, or one statement for the links without it. */
    public Uni<List<Employee>> employeeOf(List<DepartmentEmployeeLink> links) {
        return joinedOr(links, l -> l.joinedEmployee, missing -> relations.one(LINK, "employee", missing, Employee::from));
    }

    private static <T> Uni<List<T>> joinedOr(List<DepartmentEmployeeLink> links, Function<DepartmentEmployeeLink, T> joined,
            Function<List<DepartmentEmployeeLink>, Uni<List<T>>> load) {
        List<DepartmentEmployeeLink> missing = links.stream().filter(l -> joined.apply(l) == null).toList();
        return load.apply(missing).map(loaded -> {
            List<T> out = new ArrayList<>(links.size());
            int next = 0;
            for (DepartmentEmployeeLink l : links) {
                T j = joined.apply(l);
                out.add(j != null ? j : loaded.get(next++));
            }
            return out;
        });
    }
}
