package io.relgraph.link;

import io.vertx.mutiny.sqlclient.Row;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.relgraph.department.Department;
import io.relgraph.employee.Employee;

/**
 * The association object: one row per (department, employee) pair, carrying {@code extraData}
 * ("part-time", ...). Its {@code department} and {@code employee} are GraphQL fields resolved in
 * batches by {@link LinkLoader}.
 */
@Entity
@Table(name = "department_employee_link")
@IdClass(LinkId.class)
@Description("The association object between a department and an employee, with extraData such as 'part-time'")
public class DepartmentEmployeeLink extends PanacheEntityBase {

    @Id
    @Ignore
    @Column(name = "department_id")
    public Long departmentId;

    @Id
    @Ignore
    @Column(name = "employee_id")
    public Long employeeId;

    @Column(name = "extra_data", length = 256)
    @Description("What the link says about the pair, e.g. 'part-time'; null when nothing was said")
    public String extraData;

    /**
     * The employee at this link's end when the query that loaded the link joined it already (the
     * client asked for {@code employee} below the links): then that field needs no statement.
     */
    @Transient
    @Ignore
    public Employee joinedEmployee;

    /** Likewise the department at this link's end, when joined. */
    @Transient
    @Ignore
    public Department joinedDepartment;

    public DepartmentEmployeeLink() {
    }

    public DepartmentEmployeeLink(Long departmentId, Long employeeId, String extraData) {
        this.departmentId = departmentId;
        this.employeeId = employeeId;
        this.extraData = extraData;
    }

    /** Maps a row with the columns department_id, employee_id, extra_data. */
    public static DepartmentEmployeeLink from(Row row) {
        return new DepartmentEmployeeLink(row.getLong("department_id"), row.getLong("employee_id"), row.getString("extra_data"));
    }
}
