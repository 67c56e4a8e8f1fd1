package io.rubrix.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.cli.format.Conll;
import io.rubrix.cli.format.Csv;
import io.rubrix.cli.format.CsvMapping;
import io.rubrix.cli.format.CsvRows;
import io.rubrix.cli.format.RecordFiles;
import io.rubrix.model.record.RecordId;
import io.rubrix.model.record.Task;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.ClassPrediction;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;

class FormatsTest {

    @Test
    void csvRowsRoundTripWithCommasQuotesAndLineBreaks() {
        List<String> fields = List.of("plain", "a, b", "say \"hi\"", "two\nlines", "");
        String row = Csv.row(fields);
        assertThat(row).isEqualTo("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
        CsvRows rows = new CsvRows(new StringReader(row + "x,y\r\n"));
        assertThat(rows.next()).isEqualTo(fields);
        assertThat(rows.number()).isEqualTo(1);
        assertThat(rows.next()).containsExactly("x", "y");
        assertThat(rows.number()).isEqualTo(2);
        assertThat(rows.next()).isNull();
    }

    @Test
    void aByteOrderMarkAtTheStartIsNotPartOfTheFirstColumnsName() {
        CsvRows rows = new CsvRows(new StringReader("\uFEFFtext,label\nhello,pos\n"));
        assertThat(rows.next()).containsExactly("text", "label");
        assertThat(rows.next()).containsExactly("hello", "pos");
    }

    @Test
    void csvRowsKeepTheirOwnWidthAndABlankLineIsOneEmptyCell() {
        CsvRows rows = new CsvRows(new StringReader("a,b,c\n1\n\n1,2,3,4\n,,\n"));
        assertThat(rows.next()).containsExactly("a", "b", "c");
        assertThat(rows.next()).containsExactly("1");
        assertThat(rows.next()).containsExactly("");
        assertThat(rows.next()).containsExactly("1", "2", "3", "4");
        assertThat(rows.next()).containsExactly("", "", "");
        assertThat(rows.next()).isNull();
    }

    @Test
    void csvRecordsTakeQuotedCommasQuotesAndLineBreaksAndShortRowsHaveEmptyCells() {
        String file = """
                id,text,label,score,source
                1,"Hello, world",pos,0.9,web
                2,"first line
                second line",neg,,mail
                3,"she said ""no""\",,,
                4,short
                5,extra,pos,0.5,web,not,in,the,header
                """;
        List<TaskRecord> records = csvRecords(file, new CsvMapping(List.of("text"), "id", null, "ana", "label",
                "score", "model", List.of("source"), false, ";"));

        assertThat(records).hasSize(5).hasOnlyElementsOfType(TextClassificationRecord.class);
        List<TextClassificationRecord> text = records.stream().map(TextClassificationRecord.class::cast).toList();
        assertThat(text).extracting(record -> record.id().value()).containsExactly("1", "2", "3", "4", "5");
        assertThat(text).extracting(record -> record.inputs().get("text"))
                .containsExactly("Hello, world", "first line\nsecond line", "she said \"no\"", "short", "extra");
        assertThat(text.get(0).prediction().agent()).isEqualTo("model");
        assertThat(text.get(0).prediction().labels()).containsExactly(new ClassPrediction("pos", 0.9));
        assertThat(text.get(1).prediction().labels()).containsExactly(new ClassPrediction("neg", 1.0));
        assertThat(text.get(2).prediction()).isNull();
        assertThat(text.get(3).prediction()).isNull();
        assertThat(text.get(4).prediction().labels()).containsExactly(new ClassPrediction("pos", 0.5));
        assertThat(text).extracting(record -> record.metadata().get("source"))
                .containsExactly("web", "mail", "", "", "web");
        assertThat(text).allSatisfy(record -> assertThat(record.annotation()).isNull());
    }

    @Test
    void aCsvRowThatCannotBeReadStopsWithItsNumber() {
        CsvMapping mapping = new CsvMapping(List.of("text"), "id", null, "ana", "label", "score", "model", List.of(),
                false, ";");
        assertThatThrownBy(() -> csvRecords("id,text,label,score\n1,\"two\nlines\",pos,0.9\n2,b,pos,high\n", mapping))
                .isInstanceOf(RecordFiles.UnreadableFile.class)
                .hasMessage("row 3: confidence 'high' is not a number");
        CsvMapping textOnly = new CsvMapping(List.of("text"), "id", null, "ana", null, null, "model", List.of(), false,
                ";");
        assertThatThrownBy(() -> csvRecords("id,text\n1,a\n2,\"never closed\n3,c\n", textOnly))
                .isInstanceOf(RecordFiles.UnreadableFile.class)
                .hasMessage("row 3: not CSV: Missing closing quote for value");
        assertThatThrownBy(() -> csvRecords("id,text\n1,\"quoted\"then text\n", textOnly))
                .isInstanceOf(RecordFiles.UnreadableFile.class)
                .hasMessageStartingWith("row 2: not CSV: Unexpected character ('t'");
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

    private static List<TaskRecord> csvRecords(String file, CsvMapping mapping) {
        List<TaskRecord> records = new ArrayList<>();
        RecordFiles.read(new BufferedReader(new StringReader(file)), RecordFiles.Format.csv, Task.TextClassification,
                mapping, new ObjectMapper()).forEachRemaining(records::add);
        return records;
    }
}
