package io.relgraph.db;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells {@link EmbeddedDatabase} when the application runs: Quarkus fires {@link ShutdownEvent} after
 * its graceful drain of in-flight requests, and only then may the embedded server stop.
 */
@Singleton
class EmbeddedDatabaseLifecycle {

    void started(@Observes StartupEvent event) {
        EmbeddedDatabase.applicationStarted();
    }

    /** Last of the shutdown observers: anything else that still talks to the database runs first. */
    void stopped(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedDatabase.applicationStopped();
    }
}
