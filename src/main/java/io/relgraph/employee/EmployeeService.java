package io.relgraph.employee;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.relgraph.graphql.ApiException;
import io.smallrye.mutiny.Uni;

/** Writes to employees, each in one transaction. */
@ApplicationScoped
public class EmployeeService {

    @WithTransaction
    public Uni<Employee> create(String name, OffsetDateTime hiredOn) {
        // PostgreSQL keeps microseconds: truncate so the returned value is the stored one
        Employee e = new Employee(name, (hiredOn != null ? hiredOn : OffsetDateTime.now()).truncatedTo(ChronoUnit.MICROS));
        return e.persistAndFlush().replaceWith(e);
    }

    /** Deletes the employee; the database removes the links and clears a headship (ON DELETE). */
    @WithTransaction
    public Uni<Boolean> delete(long id) {
        return Employee.delete("id", id).map(n -> {
            if (n == 0) {
                throw ApiException.notFound("Employee", id);
            }
            return Boolean.TRUE;
        });
    }
}
