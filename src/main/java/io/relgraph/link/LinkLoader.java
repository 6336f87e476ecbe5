package io.relgraph.link;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.db.Reads;
import io.relgraph.department.Department;
import io.relgraph.employee.Employee;
import io.relgraph.graphql.Batches;
import io.relgraph.graphql.PageLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Batch loading of the department-employee relation in all its views. Each method is one SQL
 * statement for all the parents of a level; lists are top-N per parent ({@code first}, keyset
 * {@code after} on the far end's id) through LATERAL over the parents' ids.
 */
@ApplicationScoped
public class LinkLoader {

    private static final String LINKS_OF_DEPARTMENTS = """
            select l.department_id, l.employee_id, l.extra_data from unnest($1::int8[]) as p(id)
            cross join lateral (select department_id, employee_id, extra_data from department_employee_link
                                where department_id = p.id and employee_id > $2 order by employee_id limit $3) l""";
    private static final String LINKS_OF_EMPLOYEES = """
            select l.department_id, l.employee_id, l.extra_data from unnest($1::int8[]) as p(id)
            cross join lateral (select department_id, employee_id, extra_data from department_employee_link
                                where employee_id = p.id and department_id > $2 order by department_id limit $3) l""";
    /** The same links with the employee at their end, for a client that asked for it below them. */
    private static final String LINKS_OF_DEPARTMENTS_WITH_EMPLOYEES = """
            select l.department_id, l.employee_id, l.extra_data, e.id, e.name, e.hired_on from unnest($1::int8[]) as p(id)
            cross join lateral (select department_id, employee_id, extra_data from department_employee_link
                                where department_id = p.id and employee_id > $2 order by employee_id limit $3) l
            join employee e on e.id = l.employee_id
            order by l.department_id, l.employee_id""";
    private static final String LINKS_OF_EMPLOYEES_WITH_DEPARTMENTS = """
            select l.department_id, l.employee_id, l.extra_data, d.id, d.name, d.head_id from unnest($1::int8[]) as p(id)
            cross join lateral (select department_id, employee_id, extra_data from department_employee_link
                                where employee_id = p.id and department_id > $2 order by department_id limit $3) l
            join department d on d.id = l.department_id
            order by l.employee_id, l.department_id""";
    private static final String EMPLOYEES_OF_DEPARTMENTS = """
            select p.id as parent, e.id, e.name, e.hired_on from unnest($1::int8[]) as p(id)
            cross join lateral (select employee_id from department_employee_link
                                where department_id = p.id and employee_id > $2 order by employee_id limit $3) l
            join employee e on e.id = l.employee_id
            order by p.id, e.id""";
    private static final String DEPARTMENTS_OF_EMPLOYEES = """
            select p.id as parent, d.id, d.name, d.head_id from unnest($1::int8[]) as p(id)
            cross join lateral (select department_id from department_employee_link
                                where employee_id = p.id and department_id > $2 order by department_id limit $3) l
            join department d on d.id = l.department_id
            order by p.id, d.id""";

    /** A row of a joined view, with the parent it belongs to. */
    record Child<T>(long parent, T value) {
    }

    private final Reads reads;
    private final PageLimits limits;

    public LinkLoader(Reads reads, PageLimits limits) {
        this.reads = reads;
        this.limits = limits;
    }

    /** @param withEmployees join each link's employee too (the client selects {@code employee} below the links) */
    public Uni<List<List<DepartmentEmployeeLink>>> linksOfDepartments(List<Department> departments, Integer first, Long after,
            boolean withEmployees) {
        return reads.batch(withEmployees ? LINKS_OF_DEPARTMENTS_WITH_EMPLOYEES : LINKS_OF_DEPARTMENTS,
                Batches.keys(departments, d -> d.id), page(first, after), withEmployees ? row -> {
                    DepartmentEmployeeLink l = DepartmentEmployeeLink.from(row);
                    l.joinedEmployee = Employee.from(row);
                    return l;
                } : DepartmentEmployeeLink::from)
                .map(rows -> limits.completeEach(Batches.many(departments, d -> d.id, rows, l -> l.departmentId), first, "links"));
    }

    /** @param withDepartments join each link's department too (the client selects {@code department} below the links) */
    public Uni<List<List<DepartmentEmployeeLink>>> linksOfEmployees(List<Employee> employees, Integer first, Long after,
            boolean withDepartments) {
        return reads.batch(withDepartments ? LINKS_OF_EMPLOYEES_WITH_DEPARTMENTS : LINKS_OF_EMPLOYEES,
                Batches.keys(employees, e -> e.id), page(first, after), withDepartments ? row -> {
                    DepartmentEmployeeLink l = DepartmentEmployeeLink.from(row);
                    l.joinedDepartment = Department.from(row);
                    return l;
                } : DepartmentEmployeeLink::from)
                .map(rows -> limits.completeEach(Batches.many(employees, e -> e.id, rows, l -> l.employeeId), first, "links"));
    }

    public Uni<List<List<Employee>>> employeesOfDepartments(List<Department> departments, Integer first, Long after) {
        return reads.batch(EMPLOYEES_OF_DEPARTMENTS, Batches.keys(departments, d -> d.id), page(first, after),
                row -> new Child<>(row.getLong("parent"), Employee.from(row)))
                .map(rows -> limits.completeEach(Batches.values(Batches.many(departments, d -> d.id, rows, Child::parent), Child::value),
                        first, "employees"));
    }

    public Uni<List<List<Department>>> departmentsOfEmployees(List<Employee> employees, Integer first, Long after) {
        return reads.batch(DEPARTMENTS_OF_EMPLOYEES, Batches.keys(employees, e -> e.id), page(first, after),
                row -> new Child<>(row.getLong("parent"), Department.from(row)))
                .map(rows -> limits.completeEach(Batches.values(Batches.many(employees, e -> e.id, rows, Child::parent), Child::value),
                        first, "departments"));
    }

    /** Each link's department: joined already, or one statement for the links without it. */
    public Uni<List<Department>> departmentOf(List<DepartmentEmployeeLink> links) {
        List<DepartmentEmployeeLink> missing = links.stream().filter(l -> l.joinedDepartment == null).toList();
        return reads.batch("select id, name, head_id from department where id = any($1)",
                Batches.keys(missing, l -> l.departmentId), Tuple.tuple(), Department::from)
                .map(rows -> Batches.one(links, l -> l.departmentId, rows, d -> d.id))
                .map(found -> joinedOr(links, found, l -> l.joinedDepartment));
    }

    /** Each link's employee: joined already, or one statement for the links without it. */
    public Uni<List<Employee>> employeeOf(List<DepartmentEmployeeLink> links) {
        List<DepartmentEmployeeLink> missing = links.stream().filter(l -> l.joinedEmployee == null).toList();
        return reads.batch("select id, name, hired_on from employee where id = any($1)",
                Batches.keys(missing, l -> l.employeeId), Tuple.tuple(), Employee::from)
                .map(rows -> Batches.one(links, l -> l.employeeId, rows, e -> e.id))
                .map(found -> joinedOr(links, found, l -> l.joinedEmployee));
    }

    private static <T> List<T> joinedOr(List<DepartmentEmployeeLink> links, List<T> loaded,
            java.util.function.Function<DepartmentEmployeeLink, T> joined) {
        List<T> out = new java.util.ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            T j = joined.apply(links.get(i));
            out.add(j != null ? j : loaded.get(i));
        }
        return out;
    }

    private Tuple page(Integer first, Long after) {
        return Tuple.of(after == null ? 0L : after, limits.limit(first));
    }
}
