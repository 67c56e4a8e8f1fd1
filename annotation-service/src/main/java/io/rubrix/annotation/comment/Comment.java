package io.rubrix.annotation.comment;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rubrix.model.annotation.AnnotationEvent;
import io.rubrix.model.record.Timestamps;

/** A comment as written: the history event it is, reduced to what its author needs back. */
@JsonPropertyOrder({"event_id", "action", "at", "agent", "record_id", "text"})
@RegisterForReflection
public record Comment(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("action") AnnotationEvent.Action action,
        @JsonProperty("at") @JsonSerialize(using = Timestamps.Writer.class) Instant at,
        @JsonProperty("agent") String agent,
        @JsonProperty("record_id") String recordId,
        @JsonProperty("text") String text) {

    static Comment of(AnnotationEvent event) {
        return new Comment(event.eventId(), event.action(), event.at(), event.agent(), event.recordId(), event.text());
    }
}
