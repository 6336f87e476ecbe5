package io.relgraph.filter;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** Conditions on a String; every one given must hold (at least one, none null). A positive condition is false on null */
@Input("StringFilter")
@Description("Conditions on a String; every one given must hold (at least one, none null). A positive condition is false on null")
public class StringFilter {

    public String eq;

    @Description("Not equal: the exact complement of eq, so true on null")
    public String ne;

    @Name("in")
    @Description("One of these; `in: []` is false")
    public List<@NonNull String> inList;

    @Description("None of these: the exact complement of in, so true on null; `notIn: []` is true")
    public List<@NonNull String> notIn;

    public String lt;

    public String lte;

    public String gt;

    public String gte;

    @Description("Starts with this text, taken literally (% and _ are characters)")
    public String startsWith;

    @Description("Ends with this text, taken literally")
    public String endsWith;

    @Description("Contains this text, taken literally")
    public String contains;

    @Description("Contains this text, case folded for all of Unicode")
    public String containsInsensitive;

    @Description("true: is null; false: has a value")
    public Boolean isNull;
}
