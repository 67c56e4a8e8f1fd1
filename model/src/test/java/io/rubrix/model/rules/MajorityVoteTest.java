package io.rubrix.model.rules;

import static io.rubrix.model.rules.GenerativeModelTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MajorityVoteTest {

    final LabelMatrix matrix = new LabelMatrix(List.of(rule("prize", "spam"), rule("winner", "spam"),
            rule("meeting", "ham"), rule("offer", "spam", "promo")));

    @Test
    void singleLabelGivesEachClassItsShareOfTheVotesAndATieAbstains() {
        int twoToOne = matrix.add(0, 1, 2);
        int tie = matrix.add(0, 2);
        int none = matrix.add();
        int split = matrix.add(3, 2);

        WeakLabel label = MajorityVote.singleLabel(matrix, twoToOne).orElseThrow();
        assertEquals(List.of(new WeakLabel.Scored("spam", 2.0 / 3), new WeakLabel.Scored("ham", 1.0 / 3)),
                label.labels());
        assertTrue(MajorityVote.singleLabel(matrix, tie).isEmpty());
        assertTrue(MajorityVote.singleLabel(matrix, none).isEmpty());
        // 'offer' splits its vote between spam and promo (0.5 each), 'meeting' gives ham 1
        assertEquals(List.of(new WeakLabel.Scored("ham", 0.5), new WeakLabel.Scored("promo", 0.25),
                new WeakLabel.Scored("spam", 0.25)), MajorityVote.singleLabel(matrix, split).orElseThrow().labels());
    }

    @Test
    void multiLabelGivesEachLabelTheShareOfMatchingRulesNamingIt() {
        int row = matrix.add(0, 2, 3);

        assertEquals(List.of(new WeakLabel.Scored("spam", 2.0 / 3), new WeakLabel.Scored("ham", 1.0 / 3),
                new WeakLabel.Scored("promo", 1.0 / 3)), MajorityVote.multiLabel(matrix, row).orElseThrow().labels());
        assertTrue(MajorityVote.multiLabel(matrix, matrix.add()).isEmpty());
    }

    @Test
    void theMatrixClassesAreTheLabelsInTheOrderRulesNameThem() {
        assertEquals(List.of("spam", "ham", "promo"), matrix.classes());
    }
}
