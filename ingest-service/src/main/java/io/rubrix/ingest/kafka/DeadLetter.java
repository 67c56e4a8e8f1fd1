package io.rubrix.ingest.kafka;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/** A message of the records topic that cannot be ingested, and why; it goes untouched to the DLQ. */
record DeadLetter(KafkaRecord<String, byte[]> message, String reason) {
}
