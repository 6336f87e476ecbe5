package io.relgraph.department;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.db.Reads;
import io.relgraph.employee.Employee;
import io.relgraph.graphql.Batches;
import io.smallrye.mutiny.Uni;

/** Batch loading of the one-to-one head relation, both directions: one statement per batch. */
@ApplicationScoped
public class HeadLoader {

    private final Reads reads;

    public HeadLoader(Reads reads) {
        this.reads = reads;
    }

    public Uni<List<Employee>> headsOf(List<Department> departments) {
        List<Long> ids = Batches.keys(departments, d -> d.headId);
        return reads.list("from Employee where id in :ids", Employee.class, "ids", ids)
                .map(rows -> Batches.one(departments, d -> d.headId, rows, e -> e.id));
    }

    public Uni<List<Department>> headedBy(List<Employee> employees) {
        List<Long> ids = Batches.keys(employees, e -> e.id);
        return reads.list("from Department where headId in :ids", Department.class, "ids", ids)
                .map(rows -> Batches.one(employees, e -> e.id, rows, d -> d.headId));
    }
}
