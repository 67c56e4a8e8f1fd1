package io.rubrix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.rubrix.cli.format.Conll;
import io.rubrix.cli.format.Csv;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;

class FormatsTest {

    @Test
    void csvRowsRoundTripWithCommasQuotesAndLineBreaks() {
        List<String> fields = List.of("plain", "a, b", "say \"hi\"", "two\nlines", "");
        String row = Csv.row(fields);
        assertThat(row).isEqualTo("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
        BufferedReader in = new BufferedReader(new StringReader(row + "x,y\r\n"));
        assertThat(Csv.readRow(in)).isEqualTo(fields);
        assertThat(Csv.readRow(in)).containsExactly("x", "y");
        assertThat(Csv.readRow(in)).isNull();
    }

    @Test
    void conllWritesBioTagsAndReadsThemBackToTheSameEntities() {
        TokenClassificationRecord record = new TokenClassificationRecord(RecordId.of("s1"), Map.of(), null, null, null,
                new TokenClassificationAnnotation("ana", List.of(new EntitySpan(0, 13, "PER"),
                        new EntitySpan(23, 29, "LOC")), null),
                List.of("Ada", "Lovelace", "lived", "in", "London", "."), "Ada  Lovelace lived in London.", null, null);
        String block = Conll.write(record, false);
        assertThat(block).isEqualTo("# id = s1\nAda B-PER\nLovelace I-PER\nlived O\nin O\nLondon B-LOC\n. O\n\n");

        TokenClassificationRecord read = Conll.read(new BufferedReader(new StringReader(block)), "rubrix-cli");
        assertThat(read.id().value()).isEqualTo("s1");
        assertThat(read.tokens()).isEqualTo(record.tokens());
        assertThat(read.rawText()).isEqualTo("Ada Lovelace lived in London .");
        assertThat(read.annotation().entities()).containsExactly(new EntitySpan(0, 12, "PER"),
                new EntitySpan(22, 28, "LOC"));
        assertThat(read.violations()).isEmpty();
        assertThat(Conll.write(read, false)).isEqualTo(block);
    }

    @Test
    void theProgressLineShowsTheBarTheRateAndTheTimeLeft() {
        assertThat(ProgressBar.render(45_000, 100_000, 12_340.4))
                .isEqualTo("[=============>                ] 45,000/100,000 records  12,340 rec/s  ETA 4s");
        assertThat(ProgressBar.render(500, -1, 250)).isEqualTo("500 records  250 rec/s");
        assertThat(ProgressBar.render(0, 1_000_000, 100)).endsWith("ETA 2h46m");
    }
}
