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

/** A post; {@code owner} (backref {@code User.posts}) follows a user's key change in the database. */
@Entity
@Table(name = "post")
public class Post extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    public Long id;

    @Column(length = 256)
    public String title;

    @Ignore
    @Column(name = "owner_id")
    public Long ownerId;

    public Post() {
    }

    public Post(Long ownerId, String title) {
        this.ownerId = ownerId;
        this.title = title;
    }

    /** Maps a row with the columns id, owner_id, title. */
    public static Post from(Row row) {
        Post p = new Post(row.getLong("owner_id"), row.getString("title"));
        p.id = row.getLong("id");
        return p;
    }
}
