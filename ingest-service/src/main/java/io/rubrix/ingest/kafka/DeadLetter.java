package io.rubrix.ingest.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/** A message of the records topic that cannot be ingested, and why; it goes untouched to the DLQ. */
record DeadLetter(KafkaRecord<String, byte[]> message, String reason) {

    /**
     * One letter per message, its reasons joined: a message whose records went into several bulks, or that
     * had invalid records and others refused by Elasticsearch, is dead-lettered once.
     */
    static List<DeadLetter> onePerMessage(List<DeadLetter> letters) {
        Map<KafkaRecord<String, byte[]>, String> reasons = new LinkedHashMap<>();
        letters.forEach(letter -> reasons.merge(letter.message(), letter.reason(), (a, b) -> a + "; " + b));
        List<DeadLetter> merged = new ArrayList<>(reasons.size());
        reasons.forEach((message, reason) -> merged.add(new DeadLetter(message, reason)));
        return merged;
    }
}
