package io.relgraph.department;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.db.Reads;
import io.relgraph.employee.Employee;
import io.relgraph.graphql.Batches;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** Batch loading of the one-to-one head relation, both directions: one statement per batch. */
@ApplicationScoped
public class HeadLoader {

    private final Reads reads;

    public HeadLoader(Reads reads) {
        this.reads = reads;
    }

    public Uni<List<Employee>> headsOf(List<Department> departments) {
        return reads.batch("select id, name, hired_on from employee where id = any($1)", Batches.keys(departments, d -> d.headId),
                Tuple.tuple(), Employee::from)
                .map(rows -> Batches.one(departments, d -> d.headId, rows, e -> e.id));
    }

    public Uni<List<Department>> headedBy(List<Employee> employees) {
        return reads.batch("select id, name, head_id from department where head_id = any($1)", Batches.keys(employees, e -> e.id),
                Tuple.tuple(), Department::from)
                .map(rows -> Batches.one(employees, e -> e.id, rows, d -> d.headId));
    }
}
