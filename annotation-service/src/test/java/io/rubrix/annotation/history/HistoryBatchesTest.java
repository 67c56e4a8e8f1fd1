package io.rubrix.annotation.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.rubrix.model.annotation.HistoryEntry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** Appends that arrive while a batch is on its way go together in the next; each caller hears of its own batch. */
@Tag("fast")
class HistoryBatchesTest {

    /** Each send the batches made, and how to end it. */
    private final List<List<HistoryEntry>> sent = new ArrayList<>();
    private final List<CompletableFuture<Void>> sends = new ArrayList<>();
    private final HistoryBatches batches = new HistoryBatches(entries -> {
        sent.add(entries);
        CompletableFuture<Void> send = new CompletableFuture<>();
        sends.add(send);
        return Uni.createFrom().completionStage(send);
    });

    @Test
    void anAppendAloneGoesAtOnceAndTheOnesArrivingMeanwhileGoTogetherNext() {
        HistoryEntry a = entry(1);
        HistoryEntry b = entry(2);
        HistoryEntry c = entry(3);
        HistoryEntry d = entry(4);

        UniAssertSubscriber<Void> first = batches.append(List.of(a)).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(sent).containsExactly(List.of(a));
        UniAssertSubscriber<Void> second = batches.append(List.of(b)).subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<Void> third = batches.append(List.of(c, d)).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(sent).as("waiting for the first batch").hasSize(1);
        second.assertNotTerminated();

        sends.get(0).complete(null);
        first.assertCompleted();
        assertThat(sent).containsExactly(List.of(a), List.of(b, c, d));
        second.assertNotTerminated();
        third.assertNotTerminated();

        sends.get(1).completeExceptionally(new IllegalStateException("the history refused events"));
        second.assertFailedWith(IllegalStateException.class, "the history refused events");
        third.assertFailedWith(IllegalStateException.class, "the history refused events");

        UniAssertSubscriber<Void> later = batches.append(List.of(a)).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(sent).as("nothing on its way: at once").hasSize(3);
        sends.get(2).complete(null);
        later.assertCompleted();
    }

    @Test
    void nothingToAppendSendsNothing() {
        batches.append(List.of()).subscribe().withSubscriber(UniAssertSubscriber.create()).assertCompleted();
        assertThat(sent).isEmpty();
    }

    private static HistoryEntry entry(long seqNo) {
        return new HistoryEntry(null, seqNo);
    }
}
