package io.relgraph.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness includes the LISTEN connection: while it is down, changes committed are not delivered to
 * this instance's subscribers, so the instance should not take new ones.
 */
@Readiness
@ApplicationScoped
public class ListenReadiness implements HealthCheck {

    private final ChangeFeed feed;

    public ListenReadiness(ChangeFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Change events (LISTEN " + ChangeFeed.CHANNEL + ")").status(feed.listening()).build();
    }
}
