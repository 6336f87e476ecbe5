package io.relgraph.department;

import io.vertx.mutiny.sqlclient.Row;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A department. Its relations ({@code head}, {@code employees}, {@code employeeLinks}) are GraphQL
 * fields resolved by batch loaders, not entity associations: a lazy association in a reactive
 * session is one hidden query per row.
 */
@Entity
@Table(name = "department")
@Description("A department; employees belong to it through DepartmentEmployeeLink rows")
public class Department extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    public Long id;

    @NonNull
    @Column(nullable = false, unique = true, length = 256)
    public String name;

    /** The employee who heads it (one-to-one); exposed through the {@code head} field. */
    @Ignore
    @Column(name = "head_id", unique = true)
    public Long headId;

    public Department() {
    }

    public Department(String name) {
        this.name = name;
    }

    /** Maps a row with the columns id, name, head_id. */
    public static Department from(Row row) {
        Department d = new Department(row.getString("name"));
        d.id = row.getLong("id");
        d.headId = row.getLong("head_id");
        return d;
    }
}
