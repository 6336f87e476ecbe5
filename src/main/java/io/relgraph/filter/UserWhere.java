package io.relgraph.filter;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A condition on a user: every field given must hold; {} is true */
@Input("UserWhere")
@Description("A condition on a user: every field given must hold; {} is true")
public class UserWhere {

    @Description("Every one of these holds; `and: []` is true")
    public List<@NonNull UserWhere> and;

    @Description("At least one of these holds; `or: []` is false")
    public List<@NonNull UserWhere> or;

    @Description("This does not hold (the exact complement)")
    public UserWhere not;

    public IdFilter id;

    public StringFilter name;

    public PostsMatch posts;

    public AddressesMatch addresses;
}
