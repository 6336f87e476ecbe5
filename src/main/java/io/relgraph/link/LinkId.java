package io.relgraph.link;

import java.io.Serializable;
import java.util.Objects;

/** The composite primary key of {@link DepartmentEmployeeLink}. */
public class LinkId implements Serializable {

    public Long departmentId;
    public Long employeeId;

    public LinkId() {
    }

    public LinkId(Long departmentId, Long employeeId) {
        this.departmentId = departmentId;
        this.employeeId = employeeId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkId other && Objects.equals(departmentId, other.departmentId)
                && Objects.equals(employeeId, other.employeeId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(departmentId, employeeId);
    }
}
