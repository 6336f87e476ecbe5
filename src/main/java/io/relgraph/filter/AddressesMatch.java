package io.relgraph.filter;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** A condition on related rows: some (at least one matches), every (none fails; true when there are none), none (not some) */
@Input("AddressesMatch")
@Description("A condition on related rows: some (at least one matches), every (none fails; true when there are none), none (not some)")
public class AddressesMatch {

    public AddressWhere some;

    public AddressWhere every;

    public AddressWhere none;
}
