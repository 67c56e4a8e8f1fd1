package io.rubrix.common.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Group commit: items that arrive while a request of earlier items is on its way wait, and go together in the next
 * request. An item alone goes at once; on a Vert.x context, at the end of the caller's current task, so that the
 * items one caller sends side by side (a descriptor and a record read, a claim and its hold) share a request. Each
 * caller hears of its own item, on its own Vert.x context; a request that fails as a whole fails each of its items.
 * Elasticsearch charges every request a cost of its own (ADR 0012: 0.4-0.6 ms of its CPU for a one-document write
 * against 0.1 ms a document in writes of eight): people labelling at once pay it once a round, not once each.
 *
 * @param <I> what a caller sends
 * @param <R> what it gets back
 */
public final class GroupCommit<I, R> {

    /** What became of one item: its result, or why it failed. */
    public record Outcome<R>(R result, Throwable failure) {

        public static <R> Outcome<R> of(R result) {
            return new Outcome<>(result, null);
        }

        public static <R> Outcome<R> failed(Throwable failure) {
            return new Outcome<>(null, failure);
        }
    }

    private record Waiting<I, R>(I item, UniEmitter<? super R> caller, Context context) {

        void answer(Outcome<R> outcome) {
            Runnable answer = outcome.failure() == null ? () -> caller.complete(outcome.result())
                    : () -> caller.fail(outcome.failure());
            if (context == null) {
                answer.run();
            } else {
                context.runOnContext(ignored -> answer.run());
            }
        }
    }

    private final Function<List<I>, Uni<List<Outcome<R>>>> send;
    private final int mostPerRequest;
    private List<Waiting<I, R>> waiting = new ArrayList<>();
    private boolean busy;

    /** {@code send} answers one outcome per item, in their order. */
    public GroupCommit(Function<List<I>, Uni<List<Outcome<R>>>> send, int mostPerRequest) {
        this.send = send;
        this.mostPerRequest = mostPerRequest;
    }

    public Uni<R> submit(I item) {
        return Uni.createFrom().emitter(caller -> {
            Context context = Vertx.currentContext();
            boolean first;
            synchronized (this) {
                waiting.add(new Waiting<>(item, caller, context));
                first = !busy;
                busy = true;
            }
            if (first) {
                if (context == null) {
                    sendWaiting();
                } else {
                    context.runOnContext(ignored -> sendWaiting());
                }
            }
        });
    }

    private void sendWaiting() {
        List<Waiting<I, R>> batch;
        synchronized (this) {
            if (waiting.isEmpty()) {
                busy = false;
                return;
            }
            if (waiting.size() <= mostPerRequest) {
                batch = waiting;
                waiting = new ArrayList<>();
            } else {
                batch = new ArrayList<>(waiting.subList(0, mostPerRequest));
                waiting = new ArrayList<>(waiting.subList(mostPerRequest, waiting.size()));
            }
        }
        List<I> items = batch.stream().map(Waiting::item).toList();
        Uni.createFrom().deferred(() -> send.apply(items)).subscribe().with(
                outcomes -> answerAndGoOn(batch, outcomes, null),
                failure -> answerAndGoOn(batch, null, failure));
    }

    private void answerAndGoOn(List<Waiting<I, R>> batch, List<Outcome<R>> outcomes, Throwable failure) {
        Throwable failed = failure == null && outcomes.size() != batch.size()
                ? new IllegalStateException(outcomes.size() + " outcomes for " + batch.size() + " items")
                : failure;
        for (int i = 0; i < batch.size(); i++) {
            try {
                batch.get(i).answer(failed == null ? outcomes.get(i) : Outcome.failed(failed));
            } catch (RuntimeException callerFailed) {
                // whatever a caller did with its answer, the others are answered and the ones waiting go on
                Infrastructure.handleDroppedException(callerFailed);
            }
        }
        sendWaiting();
    }
}
