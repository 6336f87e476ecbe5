package io.relgraph.filter;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** Conditions on a DateTime; every one given must hold (at least one, none null) */
@Input("DateTimeFilter")
@Description("Conditions on a DateTime; every one given must hold (at least one, none null)")
public class DateTimeFilter {

    public OffsetDateTime eq;

    @Description("Not equal: the exact complement of eq")
    public OffsetDateTime ne;

    public OffsetDateTime lt;

    public OffsetDateTime lte;

    public OffsetDateTime gt;

    public OffsetDateTime gte;
}
