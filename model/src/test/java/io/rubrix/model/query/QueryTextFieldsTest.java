package io.rubrix.model.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class QueryTextFieldsTest {

    @Test
    void theTeamsResponsesCannotBeSearchedByAnyName() {
        for (String probe : List.of("team.responses.user:cara", "prize AND team.responded_by:cara",
                "(team.submitted_by:dan)", "te\\am.responses.annotation.labels.class:spam", "_exists_:team.review",
                "_exists_ : team", "*:cara", "t*.responded_by:cara", "team?responses:x", "NOT team.agreed:true")) {
            assertTrue(QueryTextFields.refused(probe).isPresent(), probe);
        }
    }

    @Test
    void theRecordsOwnFieldsWordsPhrasesAndPatternsUnderInputsAndMetadataPass() {
        for (String query : List.of("prize OR winner", "\"team.responses:x\" in a phrase", "inputs.subject:prize",
                "inputs.*:prize", "metadata.so?rce:web", "metadata.*:x", "annotated_as:spam", "score:>0.5",
                "_exists_:annotated_as", "status:Validated AND NOT predicted:ko", "teams win", "")) {
            assertEquals(java.util.Optional.empty(), QueryTextFields.refused(query), query);
        }
    }

    @Test
    void aSearchAndARuleNamingThemAre400sNamingTheQuery() {
        RecordQuery search = new RecordQuery(null, com.fasterxml.jackson.databind.node.TextNode.valueOf(
                "team.responded_by:cara"), null, null, null, null, null, null, null, null, null);
        assertEquals("query_text", search.violations().get(0).field());
        assertEquals("query", new io.rubrix.model.rules.LabelingRule("r", "*:cara", List.of("spam"), null, null, null,
                null).violations().get(0).field());
    }
}
