package io.rubrix.common.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.rubrix.common.elasticsearch.GroupCommit.Outcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Items that arrive while a request is on its way go together in the next; each caller hears of its own item. */
@Tag("fast")
class GroupCommitTest {

    /** Each request the group made, and how to end it. */
    private final List<List<String>> sent = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<List<Outcome<String>>>> sends = new CopyOnWriteArrayList<>();
    private final GroupCommit<String, String> group = new GroupCommit<>(items -> {
        sent.add(items);
        CompletableFuture<List<Outcome<String>>> send = new CompletableFuture<>();
        sends.add(send);
        return Uni.createFrom().completionStage(send);
    }, 3);

    @Test
    void anItemAloneGoesAtOnceAndTheOnesArrivingMeanwhileGoTogetherNextEachWithItsOwnOutcome() {
        UniAssertSubscriber<String> a = submit("a");
        assertThat(sent).containsExactly(List.of("a"));
        UniAssertSubscriber<String> b = submit("b");
        UniAssertSubscriber<String> c = submit("c");
        assertThat(sent).as("waiting for the first request").hasSize(1);

        sends.get(0).complete(List.of(Outcome.of("A")));
        a.assertCompleted().assertItem("A");
        assertThat(sent).containsExactly(List.of("a"), List.of("b", "c"));
        b.assertNotTerminated();

        sends.get(1).complete(List.of(Outcome.failed(new IllegalStateException("b refused")), Outcome.of("C")));
        b.assertFailedWith(IllegalStateException.class, "b refused");
        c.assertCompleted().assertItem("C");

        UniAssertSubscriber<String> later = submit("d");
        assertThat(sent).as("nothing on its way: at once").hasSize(3);
        sends.get(2).complete(List.of(Outcome.of("D")));
        later.assertCompleted().assertItem("D");
    }

    @Test
    void aRequestThatFailsAsAWholeFailsEachOfItsItemsAndTheNextGoesOn() {
        UniAssertSubscriber<String> a = submit("a");
        UniAssertSubscriber<String> b = submit("b");
        UniAssertSubscriber<String> c = submit("c");

        sends.get(0).completeExceptionally(new StorageUnavailable("Elasticsearch is unreachable", null));
        a.assertFailedWith(StorageUnavailable.class, "unreachable");
        assertThat(sent).containsExactly(List.of("a"), List.of("b", "c"));

        sends.get(1).complete(List.of(Outcome.of("B"))); // one outcome for two items
        b.assertFailedWith(IllegalStateException.class, "1 outcomes for 2 items");
        c.assertFailedWith(IllegalStateException.class, "1 outcomes for 2 items");
    }

    @Test
    void aRequestCarriesAtMostItsShareAndTheRestGoInTheNext() {
        submit("a");
        List<UniAssertSubscriber<String>> waiting = new ArrayList<>();
        for (String item : List.of("b", "c", "d", "e")) {
            waiting.add(submit(item));
        }

        sends.get(0).complete(List.of(Outcome.of("A")));
        sends.get(1).complete(List.of(Outcome.of("B"), Outcome.of("C"), Outcome.of("D")));
        sends.get(2).complete(List.of(Outcome.of("E")));

        assertThat(sent).containsExactly(List.of("a"), List.of("b", "c", "d"), List.of("e"));
        assertThat(waiting).extracting(answer -> answer.awaitItem().getItem()).containsExactly("B", "C", "D", "E");
    }

    @Test
    void itemsSentInOneTaskOfAnEventLoopShareARequestAndEachIsAnsweredOnItsOwnContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            GroupCommit<String, String> answering = new GroupCommit<>(items -> {
                sent.add(items);
                return Uni.createFrom().item(items.stream().map(item -> Outcome.of(item.toUpperCase())).toList());
            }, 10);
            Context first = vertx.getOrCreateContext();
            Context second = vertx.getOrCreateContext();
            ConcurrentHashMap<String, Context> answeredOn = new ConcurrentHashMap<>();
            CompletableFuture<List<String>> done = new CompletableFuture<>();
            first.runOnContext(ignored -> Uni.join().all(
                            answering.submit("x").invoke(item -> answeredOn.put(item, Vertx.currentContext())),
                            answering.submit("y").invoke(item -> answeredOn.put(item, Vertx.currentContext())))
                    .andFailFast().subscribe().with(done::complete, done::completeExceptionally));
            assertThat(done.get(10, TimeUnit.SECONDS)).containsExactly("X", "Y");
            assertThat(sent).containsExactly(List.of("x", "y"));
            assertThat(answeredOn).containsEntry("X", first).containsEntry("Y", first);

            CompletableFuture<String> other = new CompletableFuture<>();
            second.runOnContext(ignored -> answering.submit("z").invoke(item -> answeredOn.put(item, Vertx.currentContext()))
                    .subscribe().with(other::complete, other::completeExceptionally));
            assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("Z");
            assertThat(answeredOn).containsEntry("Z", second);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private UniAssertSubscriber<String> submit(String item) {
        return group.submit(item).subscribe().withSubscriber(UniAssertSubscriber.create());
    }
}
