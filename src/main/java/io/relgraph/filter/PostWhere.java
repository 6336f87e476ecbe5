package io.relgraph.filter;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A condition on a post: every field given must hold; {} is true */
@Input("PostWhere")
@Description("A condition on a post: every field given must hold; {} is true")
public class PostWhere {

    @Description("Every one of these holds; `and: []` is true")
    public List<@NonNull PostWhere> and;

    @Description("At least one of these holds; `or: []` is false")
    public List<@NonNull PostWhere> or;

    @Description("This does not hold (the exact complement)")
    public PostWhere not;

    public IdFilter id;

    public StringFilter title;

    public UserWhere owner;

    public Boolean ownerExists;
}
