package io.relgraph.user;

import io.vertx.mutiny.sqlclient.Row;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An address of a user. Its foreign key has no ON UPDATE CASCADE: when a user's id changes the
 * service moves these rows itself (SQLAlchemy's passive_updates=False).
 */
@Entity
@Table(name = "address")
public class Address extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    public Long id;

    @NonNull
    @Column(nullable = false, length = 256)
    public String address;

    @Ignore
    @Column(name = "user_id")
    public Long userId;

    public Address() {
    }

    public Address(Long userId, String address) {
        this.userId = userId;
        this.address = address;
    }

    /** Maps a row with the columns id, user_id, address. */
    public static Address from(Row row) {
        Address a = new Address(row.getLong("user_id"), row.getString("address"));
        a.id = row.getLong("id");
        return a;
    }
}
