package io.relgraph.user;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.db.Reads;
import io.relgraph.graphql.Batches;
import io.smallrye.mutiny.Uni;

/**
 * Batch loading of a user's two one-to-many relations and their backrefs ({@code User.posts} /
 * {@code Post.owner}, {@code User.addresses} / {@code Address.user}): one statement per batch.
 */
@ApplicationScoped
public class UserLoader {

    private final Reads reads;

    public UserLoader(Reads reads) {
        this.reads = reads;
    }

    public Uni<List<List<Post>>> postsOf(List<User> users) {
        List<Long> ids = Batches.keys(users, u -> u.id);
        return reads.list("from Post where ownerId in :ids order by ownerId, id", Post.class, "ids", ids)
                .map(rows -> Batches.many(users, u -> u.id, rows, p -> p.ownerId));
    }

    public Uni<List<List<Address>>> addressesOf(List<User> users) {
        List<Long> ids = Batches.keys(users, u -> u.id);
        return reads.list("from Address where userId in :ids order by userId, id", Address.class, "ids", ids)
                .map(rows -> Batches.many(users, u -> u.id, rows, a -> a.userId));
    }

    public Uni<List<User>> ownersOf(List<Post> posts) {
        return usersByIds(posts, p -> p.ownerId);
    }

    public Uni<List<User>> usersOf(List<Address> addresses) {
        return usersByIds(addresses, a -> a.userId);
    }

    private <P> Uni<List<User>> usersByIds(List<P> parents, java.util.function.Function<P, Long> userId) {
        List<Long> ids = Batches.keys(parents, userId);
        return reads.list("from User where id in :ids", User.class, "ids", ids)
                .map(rows -> Batches.one(parents, userId, rows, u -> u.id));
    }
}
