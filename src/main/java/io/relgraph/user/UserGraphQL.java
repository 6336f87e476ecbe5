package io.relgraph.user;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.relgraph.db.Reads;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.smallrye.mutiny.Uni;

/** Users, posts and addresses, with both ends of each relation. */
@GraphQLApi
@ApiErrors
public class UserGraphQL {

    private final Reads reads;
    private final UserLoader loader;
    private final UserService service;

    public UserGraphQL(Reads reads, UserLoader loader, UserService service) {
        this.reads = reads;
        this.loader = loader;
        this.service = service;
    }

    @Query
    @Description("A user by id, or null")
    public Uni<User> user(@NonNull @Id Long id) {
        return reads.find(User.class, Arguments.id("id", id));
    }

    @Query
    @Description("All users, by id")
    public Uni<@NonNull List<@NonNull User>> users() {
        return reads.list("from User order by id", User.class);
    }

    @Query
    @Description("A post by id, or null")
    public Uni<Post> post(@NonNull @Id Long id) {
        return reads.find(Post.class, Arguments.id("id", id));
    }

    @Query
    @Description("An address by id, or null")
    public Uni<Address> address(@NonNull @Id Long id) {
        return reads.find(Address.class, Arguments.id("id", id));
    }

    @Description("The user's posts, by id")
    @NonNull
    public Uni<List<List<@NonNull Post>>> posts(@Source List<User> users) {
        return loader.postsOf(users);
    }

    @Description("The user's addresses, by id")
    @NonNull
    public Uni<List<List<@NonNull Address>>> addresses(@Source List<User> users) {
        return loader.addressesOf(users);
    }

    @Description("The post's owner, or null")
    public Uni<List<User>> owner(@Source List<Post> posts) {
        return loader.ownersOf(posts);
    }

    @Description("The user this address belongs to, or null")
    public Uni<List<User>> user(@Source List<Address> addresses) {
        return loader.usersOf(addresses);
    }

    @Mutation
    public Uni<@NonNull User> createUser(@NonNull String name) {
        return service.createUser(Arguments.text("name", name));
    }

    @Mutation
    @Description("Creates a post, owned by ownerId when given; NOT_FOUND for an unknown owner")
    public Uni<@NonNull Post> createPost(@Id Long ownerId, String title) {
        return service.createPost(Arguments.optionalId("ownerId", ownerId), Arguments.optionalText("title", title));
    }

    @Mutation("setPostOwner")
    @Description("Gives a post a new owner; a null ownerId leaves it without one")
    public Uni<@NonNull Post> setPostOwner(@NonNull @Id Long postId, @Id Long ownerId) {
        return service.setPostOwner(Arguments.id("postId", postId), Arguments.optionalId("ownerId", ownerId));
    }

    @Mutation
    @Description("Adds an address to a user; NOT_FOUND for an unknown user")
    public Uni<@NonNull Address> createAddress(@NonNull @Id Long userId, @NonNull String address) {
        return service.createAddress(Arguments.id("userId", userId), Arguments.text("address", address));
    }
}
