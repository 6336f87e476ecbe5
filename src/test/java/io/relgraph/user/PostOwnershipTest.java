package io.relgraph.user;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.path.json.JsonPath;

/** The article's backref: Post.owner and User.posts are two views of one foreign key; same for addresses. */
@QuarkusTest
class PostOwnershipTest {

    static long createUser(String name) {
        return Long.parseLong(ok("mutation($n: String!) { createUser(name: $n) { id } }", "n", name).getString("data.createUser.id"));
    }

    @Test
    void aUserWithTwoPostsIsSeenFromBothEnds() {
        String name = unique("john");
        long userId = createUser(name);
        long p1 = Long.parseLong(ok("mutation($o: ID) { createPost(ownerId: $o, title: \"first\") { id owner { name } } }", "o", userId)
                .getString("data.createPost.id"));
        long p2 = Long.parseLong(ok("mutation($o: ID) { createPost(ownerId: $o, title: \"second\") { id } }", "o", userId)
                .getString("data.createPost.id"));

        JsonPath user = ok("query($id: ID!) { user(id: $id) { name posts { id title owner { id name } } } }", "id", userId);
        assertEquals(List.of("first", "second"), user.getList("data.user.posts.title"));
        assertEquals(List.of(name, name), user.getList("data.user.posts.owner.name"));

        JsonPath post = ok("query($id: ID!) { post(id: $id) { title owner { name posts { id } } } }", "id", p2);
        assertEquals(name, post.getString("data.post.owner.name"));
        assertEquals(List.of(Long.toString(p1), Long.toString(p2)), post.getList("data.post.owner.posts.id"));

        assertEquals(2L, Database.count("select count(*) from post where owner_id = ?", userId));
    }

    @Test
    void aPostCanChangeOwnerOrHaveNone() {
        long alice = createUser(unique("alice"));
        long bob = createUser(unique("bob"));
        long post = Long.parseLong(ok("mutation($o: ID) { createPost(ownerId: $o, title: \"t\") { id } }", "o", alice)
                .getString("data.createPost.id"));
        JsonPath moved = ok("mutation($p: ID!, $o: ID) { setPostOwner(postId: $p, ownerId: $o) { owner { id } } }", "p", post, "o", bob);
        assertEquals(Long.toString(bob), moved.getString("data.setPostOwner.owner.id"));
        assertEquals(bob, ((Number) Database.value("select owner_id from post where id = ?", post)).longValue());

        JsonPath orphan = ok("mutation($p: ID!) { setPostOwner(postId: $p, ownerId: null) { owner { id } } }", "p", post);
        assertNull(orphan.get("data.setPostOwner.owner"));
        assertNull(Database.value("select owner_id from post where id = ?", post));
    }

    @Test
    void addressesBelongToTheirUserBothWays() {
        String name = unique("jane");
        long userId = createUser(name);
        long home = Long.parseLong(ok("mutation($u: ID!) { createAddress(userId: $u, address: \"1 Home St\") { id user { name } } }",
                "u", userId).getString("data.createAddress.id"));
        ok("mutation($u: ID!) { createAddress(userId: $u, address: \"2 Office Rd\") { id } }", "u", userId);

        JsonPath user = ok("query($id: ID!) { user(id: $id) { addresses { address user { name } } } }", "id", userId);
        assertEquals(List.of("1 Home St", "2 Office Rd"), user.getList("data.user.addresses.address"));
        assertEquals(List.of(name, name), user.getList("data.user.addresses.user.name"));
        assertEquals(name, ok("query($id: ID!) { address(id: $id) { user { name } } }", "id", home).getString("data.address.user.name"));
        assertEquals(2L, Database.count("select count(*) from address where user_id = ?", userId));
    }
}
