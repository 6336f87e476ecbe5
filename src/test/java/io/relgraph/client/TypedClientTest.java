package io.relgraph.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.auth.Role;
import io.relgraph.auth.TestTokens;
import io.smallrye.graphql.client.GraphQLClientException;
import io.smallrye.graphql.client.typesafe.api.TypesafeGraphQLClientBuilder;

/** The article's flow through the typed client, errors included, as a Java application would run it. */
@QuarkusTest
class TypedClientTest {

    @TestHTTPResource("/graphql")
    URL endpoint;

    @Test
    void theArticleFlowThroughTheTypedClient() {
        RelgraphClient client = TypesafeGraphQLClientBuilder.newBuilder().endpoint(endpoint.toString())
                .header("Authorization", TestTokens.bearer(TestTokens.of(Role.WRITER))).build(RelgraphClient.class);
        String itName = GraphQL.unique("IT");
        String johnName = GraphQL.unique("John");

        RelgraphClient.DepartmentRef it = client.createDepartment(itName);
        RelgraphClient.EmployeeRef john = client.createEmployee(johnName);
        RelgraphClient.Link link = client.linkEmployee(it.id(), john.id(), "part-time");
        assertEquals("part-time", link.extraData());
        assertEquals(itName, link.department().name());

        RelgraphClient.EmployeeRef bill = client.addEmployeeToDepartment(it.id(), "Bill");
        client.setDepartmentHead(it.id(), john.id());

        RelgraphClient.DepartmentWithLinks found = client.departmentByName(itName);
        assertEquals(List.of(johnName, "Bill"), found.employees().stream().map(RelgraphClient.EmployeeRef::name).toList());
        assertEquals("part-time", found.employeeLinks().get(0).extraData());
        assertNull(found.employeeLinks().get(1).extraData());
        assertEquals(johnName, found.head().name());

        List<RelgraphClient.Link> partTime = client.links(it.id(), null, "part-time");
        assertEquals(List.of(johnName), partTime.stream().map(l -> l.employee().name()).toList());

        RelgraphClient.EmployeeWithDepartments johnView = client.employees(johnName, 10, 10).get(0);
        assertEquals(List.of(itName), johnView.departments().stream().map(RelgraphClient.DepartmentRef::name).toList());
        assertEquals(itName, johnView.headOf().name());

        GraphQLClientException conflict = assertThrows(GraphQLClientException.class, () -> client.linkEmployee(it.id(), bill.id(), "again"));
        assertEquals("CONFLICT", conflict.getErrors().get(0).getCode());

        assertEquals(2L, Database.count("select count(*) from department_employee_link where department_id = ?", Long.parseLong(it.id())));
    }
}
