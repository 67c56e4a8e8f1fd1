package io.rubrix.model.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rubrix.model.record.token.EntitySpan;

class SpanVotesTest {

    static final String TEXT = "Ana flew from New York to Paris.";
    static final List<String> TOKENS = List.of("Ana", "flew", "from", "New", "York", "to", "Paris", ".");

    static String spans(List<int[]> spans) {
        return spans.stream().map(s -> s[0] + "-" + s[1]).toList().toString();
    }

    @Test
    void markedWordsAreSpansAndAPhrasesWordsOneSpan() {
        String highlighted = "\u0001Ana\u0002 flew from \u0001New\u0002 \u0001York\u0002 to \u0001Paris\u0002.";

        assertEquals("[0-3, 14-22, 26-31]", spans(SpanVotes.marked(highlighted, '\u0001', '\u0002', TEXT, TOKENS)));
    }

    @Test
    void aMarkInsideATokenIsWidenedToTheToken() {
        String text = "Visit New-York now";
        String highlighted = "Visit \u0001New\u0002-York now";

        assertEquals("[6-14]", spans(SpanVotes.marked(highlighted, '\u0001', '\u0002', text,
                List.of("Visit", "New-York", "now"))));
        assertEquals("[6-9]", spans(SpanVotes.marked(highlighted, '\u0001', '\u0002', text, null)));
    }

    @Test
    void theMajorityLabelsEachSpanTiesAbstainAndTheBetterSupportedOfOverlappingSpansWins() {
        SpanVotes votes = new SpanVotes();
        votes.add(List.of(new int[] {14, 22}, new int[] {26, 31}), "LOC"); // cities
        votes.add(List.of(new int[] {26, 31}), "LOC"); // capitals
        votes.add(List.of(new int[] {14, 17}), "ORG"); // "New" as a brand: overlaps New York, fewer votes
        votes.add(List.of(new int[] {0, 3}), "PER");
        votes.add(List.of(new int[] {0, 3}), "ORG"); // a tie on Ana: abstains

        assertEquals(List.of(new EntitySpan(14, 22, "LOC", 1.0), new EntitySpan(26, 31, "LOC", 1.0)),
                votes.entities());
    }

    @Test
    void wordsFoundInAnyOrderAreJoinedAcrossSpacesAndSnapped() {
        List<int[]> words = List.of(new int[] {26, 31}, new int[] {18, 22}, new int[] {14, 17}, new int[] {14, 17});

        assertEquals("[14-22, 26-31]", spans(SpanVotes.joined(words, TEXT, TOKENS)));
    }
}
