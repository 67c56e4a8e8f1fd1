package io.rubrix.model.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast path must read and write exactly what java.time does, or step aside. */
class IsoInstantsTest {

    private final Random random = new Random(7);

    @Test
    void writesWhatInstantToStringWrites() {
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L); // years -249 to 10208
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void readsWhatJavaTimeReads() {
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000));
            String utc = instant.toString();
            assertThat(IsoInstants.parse(utc)).isEqualTo(instant);
            String zoneLess = LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
            assertThat(IsoInstants.parse(zoneLess)).isEqualTo(LocalDateTime.parse(zoneLess).toInstant(ZoneOffset.UTC));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 1800);
            String withOffset = OffsetDateTime.ofInstant(instant, offset).toString();
            assertThat(IsoInstants.parse(withOffset)).as(withOffset).isEqualTo(OffsetDateTime.parse(withOffset).toInstant());
        }
    }

    @Test
    void leavesOtherShapesAndImpossibleValuesToJavaTime() {
        for (String text : new String[] {"yesterday", "2021-05-10", "2021-05-10T25:00:00Z", "2021-02-30T10:00:00Z",
                "2021-05-10T10:20:30.1234567891Z", "2021-05-10T10:20:30+0200",
                "2021-05-10T10:20:30+18:30", "2021-05-10T10:20:60Z", "2021-05-10 10:20:30Z", "2021-05-10T10:20:30Zx"}) {
            assertThat(IsoInstants.parse(text)).as(text).isNull();
            boolean javaTimeReadsIt;
            try {
                Timestamps.parse(text);
                javaTimeReadsIt = true;
            } catch (DateTimeParseException e) {
                javaTimeReadsIt = false;
            }
            assertThat(javaTimeReadsIt).as(text).isFalse();
        }
        // Rare shapes that java.time reads (a point without fraction digits, a five-digit year) are still read, by it.
        assertThat(IsoInstants.parse("2021-05-10T10:20:30.")).isNull();
        assertThat(Timestamps.parse("2021-05-10T10:20:30.")).isEqualTo(Instant.parse("2021-05-10T10:20:30Z"));
        assertThat(IsoInstants.parse("+12021-05-10T10:20:30Z")).isNull();
        assertThat(Timestamps.parse("+12021-05-10T10:20:30Z")).isEqualTo(Instant.parse("+12021-05-10T10:20:30Z"));
    }
}
