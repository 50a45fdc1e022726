package ru.newsmed.imagegen.routing;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;
import ru.newsmed.imagegen.db.ImagegenDatabase;

/**
 * The routing an admin set (table {@code imagegen_routing}, one row): it wins over the
 * environment's values from then on, across restarts and on every instance, until changed again.
 */
@Component("imagegenRoutingStore")
public class RoutingStore {

    /** The routing an admin set, when and from which address. */
    public record AdminRouting(RoutingState state, Instant changedAt, String changedBy) {
    }

    private final ImagegenDatabase db;

    public RoutingStore(ImagegenDatabase db) {
        this.db = db;
    }

    public Optional<AdminRouting> read() throws SQLException {
        return db.query("SELECT mode, rollout_percent, fallback_enabled, changed_at, changed_by FROM imagegen_routing WHERE id = 1",
                row -> new AdminRouting(new RoutingState(row.getString("mode"), row.getInt("rollout_percent"),
                        row.getBoolean("fallback_enabled")), ImagegenDatabase.instant(row, "changed_at"),
                        row.getString("changed_by"))).stream().findFirst();
    }

    public void save(AdminRouting routing) throws SQLException {
        RoutingState state = routing.state();
        int updated = db.update("UPDATE imagegen_routing SET mode = ?, rollout_percent = ?, fallback_enabled = ?,"
                        + " changed_at = ?, changed_by = ? WHERE id = 1", state.mode(), state.rolloutPercent(),
                state.fallbackEnabled(), routing.changedAt(), routing.changedBy());
        if (updated == 0) {
            try {
                db.update("INSERT INTO imagegen_routing (id, mode, rollout_percent, fallback_enabled, changed_at, changed_by)"
                                + " VALUES (1, ?, ?, ?, ?, ?)", state.mode(), state.rolloutPercent(), state.fallbackEnabled(),
                        routing.changedAt(), routing.changedBy());
            } catch (SQLException e) {
                if (!ImagegenDatabase.duplicate(e)) {
                    throw e;
                }
                save(routing);
            }
        }
    }
}
