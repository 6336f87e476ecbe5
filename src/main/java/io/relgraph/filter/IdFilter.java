package io.relgraph.filter;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** Conditions on an ID; every one given must hold (at least one, none null) */
@Input("IdFilter")
@Description("Conditions on an ID; every one given must hold (at least one, none null)")
public class IdFilter {

    @Id
    public String eq;

    @Description("Not equal: the exact complement of eq, so true on null")
    @Id
    public String ne;

    @Name("in")
    @Description("One of these; `in: []` is false")
    @Id
    public List<@NonNull String> inList;

    @Description("None of these: the exact complement of in, so true on null; `notIn: []` is true")
    @Id
    public List<@NonNull String> notIn;

    @Id
    public String lt;

    @Id
    public String lte;

    @Id
    public String gt;

    @Id
    public String gte;
}
