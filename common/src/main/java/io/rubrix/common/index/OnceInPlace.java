package io.rubrix.common.index;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * What a service puts in Elasticsearch before its first write (index templates, an index): done lazily, since
 * Elasticsearch may come up after the service, and once per process once it succeeded; done again after
 * {@link #forget()} (an index deleted while the service runs).
 */
public final class OnceInPlace {

    private final Supplier<Uni<Void>> putInPlace;
    private final String what;
    private final AtomicBoolean ready = new AtomicBoolean();

    /** {@code what} names what is in place, for the log line said once. */
    public OnceInPlace(Supplier<Uni<Void>> putInPlace, String what) {
        this.putInPlace = putInPlace;
        this.what = what;
    }

    public Uni<Void> ensureReady() {
        if (ready.get()) {
            return Uni.createFrom().voidItem();
        }
        return putInPlace.get().invoke(() -> {
            if (!ready.getAndSet(true)) {
                Log.infof("%s in place", what);
            }
        });
    }

    public void forget() {
        ready.set(false);
    }
}
