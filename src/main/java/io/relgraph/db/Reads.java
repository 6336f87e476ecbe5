package io.relgraph.db;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * The read path's access to the database. graphql-java resolves sibling fields concurrently on one
 * Vert.x context, so a session bound to that context (Panache's) would be shared by them and
 * closed under their feet (quarkusio/quarkus#32870). Every read instead runs on a stateless session
 * of its own, opened here and closed when the work ends, whichever way it ends.
 */
@ApplicationScoped
public class Reads {

    private final Mutiny.SessionFactory sessions;

    public Reads(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Runs a query on a session of its own; {@code params} are name/value pairs. An empty key list asks nothing. */
    public <T> Uni<List<T>> list(String hql, Class<T> type, Object... params) {
        for (int i = 1; i < params.length; i += 2) {
            if (params[i] instanceof Collection<?> c && c.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
        }
        return run(s -> {
            Mutiny.SelectionQuery<T> q = s.createSelectionQuery(hql, type);
            for (int i = 0; i < params.length; i += 2) {
                q.setParameter((String) params[i], params[i + 1]);
            }
            return q.getResultList();
        });
    }

    /** The first row of a query, or null. */
    public <T> Uni<T> first(String hql, Class<T> type, Object... params) {
        return list(hql, type, params).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public <T> Uni<T> find(Class<T> type, Object id) {
        return run(s -> s.get(type, id));
    }

    public <T> Uni<T> run(Function<Mutiny.StatelessSession, Uni<T>> work) {
        return sessions.openStatelessSession()
                .chain(session -> Uni.createFrom().deferred(() -> work.apply(session)).eventually(session::close));
    }
}
