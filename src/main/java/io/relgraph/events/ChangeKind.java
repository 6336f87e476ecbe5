package io.relgraph.events;

import org.eclipse.microprofile.graphql.Description;

@Description("What happened to a link")
public enum ChangeKind {
    CREATED,
    UPDATED,
    DELETED
}
