package io.relgraph.user;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.relgraph.filter.Filters;
import io.relgraph.filter.AddressSort;
import io.relgraph.filter.AddressWhere;
import io.relgraph.filter.PostSort;
import io.relgraph.filter.PostWhere;
import io.relgraph.filter.UserSort;
import io.relgraph.filter.UserWhere;
import io.relgraph.graphql.ApiErrors;
import io.relgraph.graphql.Arguments;
import io.relgraph.graphql.Keyset;
import io.relgraph.graphql.ListOrder;
import io.relgraph.graphql.Pages;
import io.relgraph.graphql.RelationLoader;
import io.relgraph.graphql.RootReads;
import io.relgraph.graphql.RelationArguments;
import io.smallrye.mutiny.Uni;

/** Users, posts and addresses, with both ends of each relation. */
@GraphQLApi
@ApiErrors
public class UserGraphQL {

    private final RootReads roots;
    private final RelationLoader relations;
    private final UserService service;
    private final Pages pages;
    private final RelationArguments relationArguments;

    public UserGraphQL(RootReads roots, RelationLoader relations, UserService service, Pages pages,
            RelationArguments relationArguments) {
        this.roots = roots;
        this.relations = relations;
        this.pages = pages;
        this.relationArguments = relationArguments;
        this.service = service;
    }

    @Description("A page of users with its cursor; totalCount counts every match")
    public record UserPage(@NonNull List<@NonNull User> items, String endCursor, boolean hasNextPage,
            @Ignore Keyset.Query countQuery) {
    }

    @Query
    @Description("A user by id, or null")
    public Uni<User> user(@NonNull @Id Long id) {
        return roots.row("user", User::from, id);
    }

    @Query
    @Description("Users by id. Without `first`, all of them up to the server's page limit (LIMIT_EXCEEDED beyond it). "
            + "For cursors and a total count use userPage")
    public Uni<@NonNull List<@NonNull User>> users(Integer first, @Id Long after,
            @Description("Only the users this holds for (ANDed with the other arguments)") UserWhere where) {
        if (where != null) {
            throw Filters.onlyCompiled("where");
        }
        return roots.list("users", first, after, "users", User::from);
    }

    @Query
    @Description("A page of users (keyset: any page is as fast as the first), optionally with an exact name")
    public Uni<@NonNull UserPage> userPage(@DefaultValue("100") Integer first, String after, String name,
            @DefaultValue("ID_ASC") ListOrder orderBy,
            @Description("Only the users this holds for (ANDed with the other arguments)") UserWhere where,
            @Description("The order: keys in turn, ties end by id, nulls last; not with orderBy") @io.smallrye.graphql.api.Nullable List<@NonNull UserSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        return roots.page("userPage", orderBy, first, after, User::from, name)
                .map(p -> new UserPage(p.items(), p.endCursor(), p.hasNextPage(), p.count()));
    }

    @NonNull
    @Description("How many users match the page's filters, over all pages")
    public Uni<Integer> totalCount(@Source UserPage page) {
        return pages.count(page.countQuery());
    }

    @Query
    @Description("A post by id, or null")
    public Uni<Post> post(@NonNull @Id Long id) {
        return roots.row("post", Post::from, id);
    }

    @Query
    @Description("An address by id, or null")
    public Uni<Address> address(@NonNull @Id Long id) {
        return roots.row("address", Address::from, id);
    }

    @NonNull
    @Description("The user's posts, by id: the first `first` after post id `after`")
    public Uni<List<List<@NonNull Post>>> posts(@Source List<User> users, Integer first, @Id Long after,
            @Description("Only the posts this holds for") PostWhere where,
            @Description("The order: keys in turn, ties end by id, nulls last; not with after") @io.smallrye.graphql.api.Nullable List<@NonNull PostSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        relationArguments.requireOneSet("posts");
        return relations.list("User", "posts", users, first, after, "posts", Post::from);
    }

    @NonNull
    @Description("The user's addresses, by id: the first `first` after address id `after`")
    public Uni<List<List<@NonNull Address>>> addresses(@Source List<User> users, Integer first, @Id Long after,
            @Description("Only the addresses this holds for") AddressWhere where,
            @Description("The order: keys in turn, ties end by id, nulls last; not with after") @io.smallrye.graphql.api.Nullable List<@NonNull AddressSort> sort) {
        if (where != null || sort != null) {
            throw Filters.onlyCompiled("where and sort");
        }
        relationArguments.requireOneSet("addresses");
        return relations.list("User", "addresses", users, first, after, "addresses", Address::from);
    }

    @Description("The post's owner, or null")
    public Uni<List<User>> owner(@Source List<Post> posts) {
        return relations.one("Post", "owner", posts, User::from);
    }

    @Description("The user this address belongs to, or null")
    public Uni<List<User>> user(@Source List<Address> addresses) {
        return relations.one("Address", "user", addresses, User::from);
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
