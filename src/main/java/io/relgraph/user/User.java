package io.relgraph.user;

import io.vertx.mutiny.sqlclient.Row;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.graphql.NonNull;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A user; owns posts (one-to-many) and addresses. Table {@code users}: "user" is reserved in PostgreSQL. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    public Long id;

    @NonNull
    @Column(nullable = false, length = 256)
    public String name;

    public User() {
    }

    public User(String name) {
        this.name = name;
    }

    /** Maps a row with the columns id, name. */
    public static User from(Row row) {
        User u = new User(row.getString("name"));
        u.id = row.getLong("id");
        return u;
    }
}
