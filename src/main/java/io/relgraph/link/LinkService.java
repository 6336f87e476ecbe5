package io.relgraph.link;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;

import io.quarkus.hibernate.orm.runtime.PersistenceUnitUtil;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.hibernate.reactive.panache.common.runtime.SessionOperations;
import io.relgraph.department.Department;
import io.relgraph.employee.Employee;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.replica.CommitPosition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Writes to the association objects, each in one transaction (or one statement). */
@ApplicationScoped
public class LinkService {

    private static final String UPDATE = "update department_employee_link set extra_data = $3 where department_id = $1 and employee_id = $2"
            + " returning department_id, employee_id, extra_data";

    private final Pool pool;

    public LinkService(Pool pool) {
        this.pool = pool;
    }

    @WithTransaction
    public Uni<DepartmentEmployeeLink> link(long departmentId, long employeeId, String extraData) {
        return bothExist(departmentId, employeeId)
                .chain(() -> DepartmentEmployeeLink.<DepartmentEmployeeLink> findById(new LinkId(departmentId, employeeId)))
                .chain(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("Employee " + employeeId + " is already linked to department " + departmentId);
                    }
                    DepartmentEmployeeLink link = new DepartmentEmployeeLink(departmentId, employeeId, extraData);
                    // a concurrent insert of the same pair fails here on the primary key: CONFLICT
                    return link.persistAndFlush().replaceWith(link);
                });
    }

    /**
     * One statement, atomic on its own (UPDATE ... RETURNING): the hottest write, so no session, no
     * read-before-write, no transaction round trips. Run by the mutation runner, its commit position
     * ({@code X-Relgraph-Lsn}) is read on the same connection right behind it, in the same round trip
     * ({@link CommitPosition#autocommit}).
     */
    public Uni<DepartmentEmployeeLink> update(long departmentId, long employeeId, String extraData) {
        MutinySessionImpl hibernate = transactionInProgress();
        if (hibernate != null) {
            // inside a transaction (the mutation runner reads a payload in it): the statement on its connection,
            // so that the payload sees it before the commit
            return Uni.createFrom().completionStage(() -> hibernate.getReactiveConnection()
                    .select(UPDATE, new Object[] { departmentId, employeeId, extraData }))
                    .map(result -> {
                        if (!result.hasNext()) {
                            throw noLink(departmentId, employeeId);
                        }
                        Object[] row = result.next();
                        return new DepartmentEmployeeLink(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), (String) row[2]);
                    });
        }
        CommitPosition position = CommitPosition.awaited();
        return Uni.createFrom().completionStage(() -> CommitPosition.autocommit(pool.getDelegate(), position, UPDATE,
                io.vertx.sqlclient.Tuple.of(departmentId, employeeId, extraData)).toCompletionStage())
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw noLink(departmentId, employeeId);
                    }
                    return DepartmentEmployeeLink.from(Row.newInstance(rows.iterator().next()));
                });
    }

    /** The Panache session of the current Vert.x context when a transaction is open in it, else null. */
    private static MutinySessionImpl transactionInProgress() {
        try {
            Mutiny.Session session = SessionOperations.getCurrentSession(PersistenceUnitUtil.DEFAULT_PERSISTENCE_UNIT_NAME);
            return session instanceof MutinySessionImpl hibernate && session.currentTransaction() != null ? hibernate : null;
        } catch (IllegalStateException noSafeContext) {
            return null; // no Vert.x context, or one not marked safe for Panache: no session can be open in it
        }
    }

    @WithTransaction
    public Uni<Boolean> unlink(long departmentId, long employeeId) {
        return DepartmentEmployeeLink.delete("departmentId = ?1 and employeeId = ?2", departmentId, employeeId)
                .map(n -> {
                    if (n == 0) {
                        throw noLink(departmentId, employeeId);
                    }
                    return Boolean.TRUE;
                });
    }

    /** The plain many-to-many append ({@code IT.employees.append(Bill)}): a new employee, linked with no extra data. */
    @WithTransaction
    public Uni<Employee> addNewEmployee(long departmentId, String name, OffsetDateTime hiredOn) {
        return Department.<Department> findById(departmentId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Department", departmentId))
                .chain(d -> {
                    Employee e = new Employee(name, hiredOn);
                    return e.persistAndFlush().replaceWith(e);
                })
                .call(e -> new DepartmentEmployeeLink(departmentId, e.id, null).persistAndFlush());
    }

    private static Uni<Void> bothExist(long departmentId, long employeeId) {
        return Department.<Department> findById(departmentId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Department", departmentId))
                .chain(() -> Employee.<Employee> findById(employeeId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("Employee", employeeId))
                .replaceWithVoid();
    }

    private static ApiException noLink(long departmentId, long employeeId) {
        return new ApiException(ErrorCode.NOT_FOUND,
                "Employee " + employeeId + " is not linked to department " + departmentId);
    }
}
