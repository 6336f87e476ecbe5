package io.relgraph.link;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.db.Reads;
import io.relgraph.department.Department;
import io.relgraph.employee.Employee;
import io.relgraph.graphql.Batches;
import io.smallrye.mutiny.Uni;

/**
 * Batch loading of the department-employee relation in all its views: one statement per batch,
 * whatever the number of parents.
 */
@ApplicationScoped
public class LinkLoader {

    /** A link row together with the entity at its far end. */
    public record Joined<T>(Long key, T value) {
    }

    private final Reads reads;

    public LinkLoader(Reads reads) {
        this.reads = reads;
    }

    public Uni<List<List<DepartmentEmployeeLink>>> linksOfDepartments(List<Department> departments) {
        List<Long> ids = Batches.keys(departments, d -> d.id);
        return reads.list("from DepartmentEmployeeLink where departmentId in :ids order by departmentId, employeeId",
                DepartmentEmployeeLink.class, "ids", ids)
                .map(rows -> Batches.many(departments, d -> d.id, rows, l -> l.departmentId));
    }

    public Uni<List<List<DepartmentEmployeeLink>>> linksOfEmployees(List<Employee> employees) {
        List<Long> ids = Batches.keys(employees, e -> e.id);
        return reads.list("from DepartmentEmployeeLink where employeeId in :ids order by employeeId, departmentId",
                DepartmentEmployeeLink.class, "ids", ids)
                .map(rows -> Batches.many(employees, e -> e.id, rows, l -> l.employeeId));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    public Uni<List<List<Employee>>> employeesOfDepartments(List<Department> departments) {
        List<Long> ids = Batches.keys(departments, d -> d.id);
        return reads.list("select new io.relgraph.link.LinkLoader$Joined(l.departmentId, e) from DepartmentEmployeeLink l"
                + " join Employee e on e.id = l.employeeId where l.departmentId in :ids order by l.departmentId, e.id",
                (Class<Joined>) (Class) Joined.class, "ids", ids)
                .map(rows -> Batches.many(departments, d -> d.id, (List<Joined<Employee>>) (List) rows, Joined::key))
                .map(LinkLoader::values);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    public Uni<List<List<Department>>> departmentsOfEmployees(List<Employee> employees) {
        List<Long> ids = Batches.keys(employees, e -> e.id);
        return reads.list("select new io.relgraph.link.LinkLoader$Joined(l.employeeId, d) from DepartmentEmployeeLink l"
                + " join Department d on d.id = l.departmentId where l.employeeId in :ids order by l.employeeId, d.id",
                (Class<Joined>) (Class) Joined.class, "ids", ids)
                .map(rows -> Batches.many(employees, e -> e.id, (List<Joined<Department>>) (List) rows, Joined::key))
                .map(LinkLoader::values);
    }

    public Uni<List<Department>> departmentOf(List<DepartmentEmployeeLink> links) {
        List<Long> ids = Batches.keys(links, l -> l.departmentId);
        return reads.list("from Department where id in :ids", Department.class, "ids", ids)
                .map(rows -> Batches.one(links, l -> l.departmentId, rows, d -> d.id));
    }

    public Uni<List<Employee>> employeeOf(List<DepartmentEmployeeLink> links) {
        List<Long> ids = Batches.keys(links, l -> l.employeeId);
        return reads.list("from Employee where id in :ids", Employee.class, "ids", ids)
                .map(rows -> Batches.one(links, l -> l.employeeId, rows, e -> e.id));
    }

    private static <T> List<List<T>> values(List<List<Joined<T>>> grouped) {
        return grouped.stream().map(g -> g.stream().map(Joined::value).toList()).toList();
    }
}
