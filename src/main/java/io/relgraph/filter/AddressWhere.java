package io.relgraph.filter;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A condition on an address: every field given must hold; {} is true */
@Input("AddressWhere")
@Description("A condition on an address: every field given must hold; {} is true")
public class AddressWhere {

    @Description("Every one of these holds; `and: []` is true")
    public List<@NonNull AddressWhere> and;

    @Description("At least one of these holds; `or: []` is false")
    public List<@NonNull AddressWhere> or;

    @Description("This does not hold (the exact complement)")
    public AddressWhere not;

    public IdFilter id;

    public StringFilter address;

    public UserWhere user;

    public Boolean userExists;
}
