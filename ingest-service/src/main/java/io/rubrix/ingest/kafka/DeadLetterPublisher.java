package io.rubrix.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends refused messages, untouched (same key, value and headers), to the dead-letter topic, with headers
 * telling why and where they came from. Completes when Kafka acknowledged every one of them.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String CHANNEL = "records-dlq";
    public static final String REASON = "rubrix-dlq-reason";
    public static final String SOURCE_TOPIC = "rubrix-dlq-topic";
    public static final String SOURCE_PARTITION = "rubrix-dlq-partition";
    public static final String SOURCE_OFFSET = "rubrix-dlq-offset";

    private final MutinyEmitter<byte[]> emitter;
    private final Counter deadLettered;

    public DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.deadLettered = Counter.builder("rubrix.ingest.messages.dead-lettered")
                .description("Messages of the records topic sent to the dead-letter topic").register(registry);
    }

    public Uni<Void> publish(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = letters.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().invoke(() -> deadLettered.increment(letters.size())).replaceWithVoid();
    }

    private Uni<Void> send(DeadLetter letter) {
        var source = letter.message();
        long offset = source.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
        Log.warnf("Dead-lettering %s-%d@%d: %s", source.getTopic(), source.getPartition(), offset,
                letter.reason());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : source.getHeaders()) {
            headers.add(header);
        }
        headers.add(REASON, utf8(letter.reason()));
        headers.add(SOURCE_TOPIC, utf8(source.getTopic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(source.getPartition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(source.getKey()).withHeaders(headers).build();
        byte[] value = source.getPayload() == null ? new byte[0] : source.getPayload();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
