package io.relgraph.employee;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An employee; departments through DepartmentEmployeeLink, at most one department headed. */
@Entity
@Table(name = "employee")
@Description("An employee; belongs to departments through DepartmentEmployeeLink rows")
public class Employee extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    public Long id;

    @NonNull
    @Column(nullable = false, length = 256)
    public String name;

    @NonNull
    @Column(name = "hired_on", nullable = false)
    public OffsetDateTime hiredOn;

    public Employee() {
    }

    public Employee(String name, OffsetDateTime hiredOn) {
        this.name = name;
        this.hiredOn = hiredOn;
    }

    /** Maps a row with the columns id, name, hired_on. */
    public static Employee from(Row row) {
        Employee e = new Employee(row.getString("name"), row.getOffsetDateTime("hired_on"));
        e.id = row.getLong("id");
        return e;
    }
}
