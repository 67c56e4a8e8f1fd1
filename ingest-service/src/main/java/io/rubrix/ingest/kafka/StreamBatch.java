package io.rubrix.ingest.kafka;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.rubrix.model.record.HumanWork;
import io.rubrix.model.record.RecordReader;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.validation.Violation;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * One poll of the records topic, read: valid records grouped by the dataset they go to, and the messages
 * that cannot be ingested. A message with some invalid records has its valid ones written and is
 * dead-lettered whole, with the reasons (re-sending it later is safe: ids make writes idempotent). A record with a
 * person's work on it (an annotation or a status) is invalid here: Kafka producers are machines ({@link HumanWork}).
 */
final class StreamBatch {

    /** The records of one poll that go to one dataset, with the message each came from. */
    record Group(String workspace, String dataset, Task task, Map<String, TaskRecord> records,
            Map<String, KafkaRecord<String, byte[]>> sources) {

        List<KafkaRecord<String, byte[]>> messages() {
            return sources.values().stream().distinct().toList();
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    private StreamBatch() {
    }

    static StreamBatch read(List<KafkaRecord<String, byte[]>> messages, EnvelopeReader reader) {
        StreamBatch batch = new StreamBatch();
        messages.forEach(message -> batch.add(message, reader));
        return batch;
    }

    /** The valid records per dataset, each id once (the latest record of it), in the order they came. */
    List<Group> groups() {
        return List.copyOf(groups.values());
    }

    List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    private void add(KafkaRecord<String, byte[]> message, EnvelopeReader reader) {
        if (message.getPayload() == null || message.getPayload().length == 0) {
            deadLetters.add(new DeadLetter(message, "empty message"));
            return;
        }
        EnvelopeReader.Envelope envelope;
        try {
            envelope = reader.read(message.getPayload());
        } catch (IOException e) {
            deadLetters.add(new DeadLetter(message, "not a record envelope: " + firstLine(e.getMessage())));
            return;
        }
        List<Violation> envelopeViolations = envelope.violations();
        if (!envelopeViolations.isEmpty()) {
            deadLetters.add(new DeadLetter(message, describe(envelopeViolations)));
            return;
        }
        Group group = groups.computeIfAbsent(envelope.workspace() + "/" + envelope.dataset() + "/" + envelope.task(),
                key -> new Group(envelope.workspace(), envelope.dataset(), envelope.task(), new LinkedHashMap<>(),
                        new LinkedHashMap<>()));
        List<String> refused = new ArrayList<>();
        List<RecordReader.Parsed> records = envelope.records();
        for (int i = 0; i < records.size(); i++) {
            RecordReader.Parsed parsed = records.get(i);
            List<Violation> violations = parsed.isValid() ? HumanWork.refusedFromMachine(parsed.record())
                    : parsed.violations();
            if (violations.isEmpty()) {
                String id = parsed.record().id().value();
                group.records().put(id, parsed.record());
                group.sources().put(id, message);
            } else {
                String at = envelope.hasRecord() ? "record" : "records[" + i + "]";
                violations.forEach(v -> refused.add(at + "." + v.field() + ": " + v.reason()));
            }
        }
        if (!refused.isEmpty()) {
            deadLetters.add(new DeadLetter(message, String.join("; ", refused)));
        }
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
