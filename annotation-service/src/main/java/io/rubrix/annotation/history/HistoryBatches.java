package io.rubrix.annotation.history;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.rubrix.model.annotation.HistoryEntry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Appends the history entries of concurrent writes together (group commit): while one {@code _bulk} of entries is on
 * its way, the entries that arrive wait and go in the next, one request for all of them. Alone, an append goes at
 * once; under load, eight people labelling at once cost Elasticsearch one history request per round, not eight (each
 * request has a cost of its own there). Each caller is answered when its entries are kept, or failed with the
 * request that carried them, on its own Vert.x context. Entries have their event ids as ids: a batch sent again
 * (retried) writes nothing twice.
 */
final class HistoryBatches {

    private record Waiting(List<HistoryEntry> entries, UniEmitter<? super Void> caller, Context context) {

        void answer(Throwable failure) {
            Runnable answer = failure == null ? () -> caller.complete(null) : () -> caller.fail(failure);
            if (context == null) {
                answer.run();
            } else {
                context.runOnContext(ignored -> answer.run());
            }
        }
    }

    private final Function<List<HistoryEntry>, Uni<Void>> send;
    private List<Waiting> waiting = new ArrayList<>();
    private boolean sending;

    HistoryBatches(Function<List<HistoryEntry>, Uni<Void>> send) {
        this.send = send;
    }

    Uni<Void> append(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(caller -> {
            boolean first;
            synchronized (this) {
                waiting.add(new Waiting(entries, caller, Vertx.currentContext()));
                first = !sending;
                sending = true;
            }
            if (first) {
                sendWaiting();
            }
        });
    }

    private void sendWaiting() {
        List<Waiting> batch;
        synchronized (this) {
            batch = waiting;
            waiting = new ArrayList<>();
            if (batch.isEmpty()) {
                sending = false;
                return;
            }
        }
        List<HistoryEntry> entries = new ArrayList<>();
        batch.forEach(one -> entries.addAll(one.entries()));
        Uni.createFrom().deferred(() -> send.apply(entries)).subscribe().with(
                kept -> answerAndGoOn(batch, null),
                failure -> answerAndGoOn(batch, failure));
    }

    private void answerAndGoOn(List<Waiting> batch, Throwable failure) {
        batch.forEach(one -> one.answer(failure));
        sendWaiting();
    }
}
