package io.rubrix.model.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void readsZoneLessDatesAsUtc() {
        assertThat(Timestamps.parse("2021-05-10T10:20:30.123456")).isEqualTo(Instant.parse("2021-05-10T10:20:30.123456Z"));
        assertThat(Timestamps.parse("2021-05-10T10:20")).isEqualTo(Instant.parse("2021-05-10T10:20:00Z"));
    }

    @Test
    void readsUtcAndOffsets() {
        assertThat(Timestamps.parse("2021-05-10T10:20:30Z")).isEqualTo(Instant.parse("2021-05-10T10:20:30Z"));
        assertThat(Timestamps.parse("2021-05-10T10:20:30+02:00")).isEqualTo(Instant.parse("2021-05-10T08:20:30Z"));
        assertThat(Timestamps.parse("2021-05-10T10:20:30.5-05:00")).isEqualTo(Instant.parse("2021-05-10T15:20:30.5Z"));
    }

    @Test
    void refusesWhatIsNotADateTime() {
        assertThatThrownBy(() -> Timestamps.parse("yesterday")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("2021-05-10")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("2021-05-10T25:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }
}
