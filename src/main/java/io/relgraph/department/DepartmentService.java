package io.relgraph.department;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.relgraph.employee.Employee;
import io.relgraph.graphql.ApiException;
import io.smallrye.mutiny.Uni;

/** Writes to departments, each in one transaction. */
@ApplicationScoped
public class DepartmentService {

    @WithTransaction
    public Uni<Department> create(String name) {
        Department d = new Department(name);
        // flushed inside the transaction: a duplicate name is a unique violation here (CONFLICT), racing or not
        return d.persistAndFlush().replaceWith(d);
    }

    @WithTransaction
    public Uni<Department> rename(long id, String name) {
        return existing(id).chain(d -> {
            d.name = name;
            return d.flush().replaceWith(d);
        });
    }

    @WithTransaction
    public Uni<Boolean> delete(long id) {
        return existing(id).chain(d -> d.delete().replaceWith(Boolean.TRUE));
    }

    /** Makes the employee head of the department (null clears it); an employee heads at most one. */
    @WithTransaction
    public Uni<Department> setHead(long departmentId, Long employeeId) {
        return existing(departmentId).chain(d -> {
            if (employeeId == null) {
                d.headId = null;
                return d.flush().replaceWith(d);
            }
            return Employee.<Employee> findById(employeeId)
                    .onItem().ifNull().failWith(() -> ApiException.notFound("Employee", employeeId))
                    .chain(e -> Department.<Department> find("headId = ?1 and id <> ?2", employeeId, departmentId).<Department> firstResult())
                    .chain((Department other) -> {
                        if (other != null) {
                            throw ApiException.conflict("Employee " + employeeId + " already heads department "
                                    + other.id + " (" + other.name + "); an employee heads at most one department");
                        }
                        d.headId = employeeId;
                        return d.flush().replaceWith(d);
                    });
        });
    }

    static Uni<Department> existing(long id) {
        return Department.<Department> findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("Department", id));
    }
}
