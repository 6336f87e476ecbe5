package io.relgraph.filter;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** A key to sort addresses by. Each element of a sort sets exactly one field; ties end by id; nulls sort last in both directions */
@Input("AddressSort")
@Description("A key to sort addresses by. Each element of a sort sets exactly one field; ties end by id; nulls sort last in both directions")
public class AddressSort {

    public SortDirection id;

    public SortDirection address;
}
