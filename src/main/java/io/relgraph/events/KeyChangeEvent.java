package io.relgraph.events;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A committed primary-key change: the rows that pointed at oldId now point at newId")
public record KeyChangeEvent(@NonNull KeyedEntity entity, @NonNull @Id Long oldId, @NonNull @Id Long newId) {
}
