package io.rubrix.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.error.FieldError;
import io.rubrix.model.record.Task;
import io.rubrix.model.validation.Limits;

/** How many tags and metadata keys a dataset keeps, and which values it refuses. */
@Tag("fast")
class DescriptorLimitsRulesTest {

    private final DescriptorLimits limits = new DescriptorLimits(2);

    @Test
    void upToTheLimitOfKeysADatasetIsKeptAsItIs() {
        Dataset full = dataset(Map.of("a", "1", "b", "2"), Map.of("x", 1, "y", List.of(1.5, 2)));

        assertThat(limits.require(full)).isSameAs(full);
    }

    @Test
    void moreTagsOrMetadataKeysThanTheLimitAreRefusedNamingWhich() {
        assertThatThrownBy(() -> limits.require(dataset(Map.of("a", "1", "b", "2", "c", "3"), Map.of())))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("tags");
                        assertThat(error.reason()).isEqualTo("the dataset would have 3 keys here; at most 2 are allowed "
                                + "(rubrix.limits.dataset-keys)");
                    });
                });
        assertThatThrownBy(() -> limits.require(dataset(Map.of(), Map.of("x", 1, "y", 2, "z", 3))))
                .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.problem().errors())
                        .extracting(FieldError::field).containsExactly("metadata"));
    }

    @Test
    void aTagLongerThanALabelIsRefusedNamingIt() {
        String longest = "x".repeat(Limits.LABEL_LENGTH);
        assertThat(limits.require(dataset(Map.of("ok", longest), Map.of())).tags()).containsEntry("ok", longest);

        assertThatThrownBy(() -> limits.require(dataset(Map.of("long", longest + "x"), Map.of())))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).containsExactly(FieldError.of("tags.long",
                            "is 1001 characters long; a tag has at most 1000"));
                    assertThat(refused.problem().detail()).isEqualTo("tags.long: is 1001 characters long; a tag has at most 1000");
                });
    }

    @Test
    void metadataThatIsNoFiniteNumberIsRefusedWhereverItSits() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("nan", Double.NaN);
        metadata.put("nested", Map.of("values", List.of(1.0, Double.POSITIVE_INFINITY)));

        assertThatThrownBy(() -> limits.require(dataset(Map.of(), metadata))).isInstanceOfSatisfying(ApiException.class,
                refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().errors()).extracting(FieldError::field)
                            .containsExactly("metadata.nan", "metadata.nested.values[1]");
                    assertThat(refused.problem().errors()).extracting(FieldError::reason)
                            .allSatisfy(reason -> assertThat(reason).startsWith("is not a finite number"));
                });
    }

    private static Dataset dataset(Map<String, String> tags, Map<String, Object> metadata) {
        return Dataset.create("team-a", "news", Task.TextClassification, "bot", tags, metadata,
                Instant.parse("2026-11-28T10:00:00Z"));
    }
}
