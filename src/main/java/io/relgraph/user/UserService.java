package io.relgraph.user;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.relgraph.graphql.ApiException;
import io.smallrye.mutiny.Uni;

/** Writes to users, their posts and addresses, each in one transaction. */
@ApplicationScoped
public class UserService {

    @WithTransaction
    public Uni<User> createUser(String name) {
        User u = new User(name);
        return u.persistAndFlush().replaceWith(u);
    }

    @WithTransaction
    public Uni<Post> createPost(Long ownerId, String title) {
        return userExists(ownerId).chain(() -> {
            Post p = new Post(ownerId, title);
            return p.persistAndFlush().replaceWith(p);
        });
    }

    @WithTransaction
    public Uni<Post> setPostOwner(long postId, Long ownerId) {
        return Post.<Post> findById(postId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Post", postId))
                .call(() -> userExists(ownerId))
                .chain(p -> {
                    p.ownerId = ownerId;
                    return p.flush().replaceWith(p);
                });
    }

    @WithTransaction
    public Uni<Address> createAddress(long userId, String address) {
        return userExists(userId).chain(() -> {
            Address a = new Address(userId, address);
            return a.persistAndFlush().replaceWith(a);
        });
    }

    /** Succeeds for a null id (no owner) or an existing user; NOT_FOUND otherwise. */
    private static Uni<Void> userExists(Long userId) {
        if (userId == null) {
            return Uni.createFrom().voidItem();
        }
        return User.<User> findById(userId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("User", userId))
                .replaceWithVoid();
    }
}
