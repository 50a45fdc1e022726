package ru.newsmed.imagegen.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The refresh timer against an admin's change on the same instance: the change is never undone. */
class RoutingRefreshRaceTest {

    /** The stored row in memory; a read may be held after it has read the row. */
    private static final class HeldStore extends RoutingStore {
        private volatile Optional<AdminRouting> row = Optional.empty();
        private volatile CountDownLatch read;
        private final CountDownLatch release = new CountDownLatch(1);

        HeldStore() {
            super(null);
        }

        @Override
        public Optional<AdminRouting> read() {
            Optional<AdminRouting> seen = row;
            if (read != null) {
                read.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return seen;
        }

        @Override
        public void save(AdminRouting routing) {
            row = Optional.of(routing);
        }
    }

    @Test
    void aRefreshThatReadTheOldRowBeforeAChangeDoesNotUndoIt() throws Exception {
        HeldStore store = new HeldStore();
        ProviderRouting routing = new ProviderRouting("gigachat", 100, false, store);
        routing.change("gigachat", 100, false, "10.0.0.1");
        store.read = new CountDownLatch(1);

        CompletableFuture<Void> refresh = CompletableFuture.runAsync(() -> {
            try {
                routing.refresh();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        store.read.await(10, TimeUnit.SECONDS);
        Thread admin = new Thread(() -> routing.change("yandex", null, null, "10.0.0.2"));
        admin.start();
        // The change either waits for the refresh (it holds the same lock) or is done already.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> admin.getState() == Thread.State.BLOCKED || !admin.isAlive());
        store.release.countDown();
        refresh.get(10, TimeUnit.SECONDS);
        admin.join(10_000);

        assertThat(routing.state().mode()).isEqualTo("yandex");
        assertThat(routing.adminChange().changedBy()).isEqualTo("10.0.0.2");
    }
}
