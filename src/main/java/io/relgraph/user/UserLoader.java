package io.relgraph.user;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.db.Reads;
import io.relgraph.graphql.Batches;
import io.relgraph.graphql.PageLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Batch loading of a user's two one-to-many relations and their backrefs ({@code User.posts} /
 * {@code Post.owner}, {@code User.addresses} / {@code Address.user}): one statement per batch,
 * lists top-N per user by id.
 */
@ApplicationScoped
public class UserLoader {

    private static final String POSTS_OF_USERS = """
            select x.id, x.owner_id, x.title from unnest($1::int8[]) as p(id)
            cross join lateral (select id, owner_id, title from post where owner_id = p.id and id > $2 order by id limit $3) x""";
    private static final String ADDRESSES_OF_USERS = """
            select x.id, x.user_id, x.address from unnest($1::int8[]) as p(id)
            cross join lateral (select id, user_id, address from address where user_id = p.id and id > $2 order by id limit $3) x""";

    private final Reads reads;
    private final PageLimits limits;

    public UserLoader(Reads reads, PageLimits limits) {
        this.reads = reads;
        this.limits = limits;
    }

    public Uni<List<List<Post>>> postsOf(List<User> users, Integer first, Long after) {
        return reads.batch(POSTS_OF_USERS, Batches.keys(users, u -> u.id), page(first, after), Post::from)
                .map(rows -> limits.completeEach(Batches.many(users, u -> u.id, rows, p -> p.ownerId), first, "posts"));
    }

    public Uni<List<List<Address>>> addressesOf(List<User> users, Integer first, Long after) {
        return reads.batch(ADDRESSES_OF_USERS, Batches.keys(users, u -> u.id), page(first, after), Address::from)
                .map(rows -> limits.completeEach(Batches.many(users, u -> u.id, rows, a -> a.userId), first, "addresses"));
    }

    public Uni<List<User>> ownersOf(List<Post> posts) {
        return usersByIds(posts, p -> p.ownerId);
    }

    public Uni<List<User>> usersOf(List<Address> addresses) {
        return usersByIds(addresses, a -> a.userId);
    }

    private <P> Uni<List<User>> usersByIds(List<P> parents, Function<P, Long> userId) {
        return reads.batch("select id, name from users where id = any($1)", Batches.keys(parents, userId), Tuple.tuple(), User::from)
                .map(rows -> Batches.one(parents, userId, rows, u -> u.id));
    }

    private Tuple page(Integer first, Long after) {
        return Tuple.of(after == null ? 0L : after, limits.limit(first));
    }
}
