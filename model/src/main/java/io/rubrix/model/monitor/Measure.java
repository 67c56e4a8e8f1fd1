package io.rubrix.model.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.rubrix.model.validation.Violation;

/**
 * One thing a monitor compares between its reference and its live window (ADR 0014), with the statistic that says
 * how far apart they are and the threshold above which it alerts. Left out, statistic and threshold take the kind's
 * defaults ({@link MeasureKind#statistic}, {@link MeasureKind#threshold}).
 */
@JsonPropertyOrder({"kind", "field", "type", "statistic", "threshold"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Measure(
        @JsonProperty("kind") MeasureKind kind,
        @JsonProperty("field") String field,
        @JsonProperty("type") FieldType type,
        @JsonProperty("statistic") Statistic statistic,
        @JsonProperty("threshold") Double threshold) {

    /** A metadata field's name, as records carry it (no dots: a nested field is not a facet either). */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,99}");

    public enum FieldType {
        categorical, numeric
    }

    /** How far apart the two windows are (ADR 0014 gives each formula). */
    public enum Statistic {
        /** Population stability index over the bins (categories, or the reference's quantile bins). */
        psi,
        /** Jensen-Shannon distance (base 2, between 0 and 1) between the two shares. */
        jensen_shannon,
        /** Wasserstein-1 distance over the bins, divided by the reference's standard deviation. */
        wasserstein,
        /** Kolmogorov-Smirnov statistic: the largest gap between the two cumulative shares at the bin edges. */
        ks,
        /** The reference's figure minus the live one's (accuracy or F1 that fell). */
        drop
    }

    /** This measure with its defaults filled in. */
    public Measure completed() {
        FieldType resolvedType = kind == MeasureKind.metadata ? (type == null ? FieldType.categorical : type) : null;
        Statistic resolved = statistic != null ? statistic
                : resolvedType == FieldType.numeric ? Statistic.wasserstein : kind.statistic();
        return new Measure(kind, field, resolvedType, resolved, threshold != null ? threshold : kind.threshold());
    }

    /** The measure's name within its monitor: its kind, or {@code metadata.<field>}. */
    @JsonIgnore
    public String id() {
        return kind == MeasureKind.metadata ? "metadata." + field : kind.name();
    }

    /** Whether the measure compares shares of values (categories) rather than a numeric distribution. */
    @JsonIgnore
    public boolean categorical() {
        return kind == MeasureKind.predicted_labels || kind == MeasureKind.agents
                || kind == MeasureKind.metadata && type != FieldType.numeric;
    }

    /** Whether the measure compares how right the predictions are. */
    @JsonIgnore
    public boolean performance() {
        return kind == MeasureKind.accuracy || kind == MeasureKind.f1;
    }

    /** The indexed field the measure reads. */
    @JsonIgnore
    public String indexField() {
        return switch (kind) {
            case predicted_labels -> "predicted_as";
            case confidence -> "score";
            case metadata -> "metadata." + field;
            case text_length -> "text_length";
            case agents -> "predicted_by";
            case accuracy -> "predicted";
            case f1 -> "annotated_as";
        };
    }

    public List<Violation> violations(String path) {
        List<Violation> violations = new ArrayList<>();
        if (kind == null) {
            violations.add(new Violation(path + ".kind", "is required: one of " + List.of(MeasureKind.values())));
            return violations;
        }
        if (kind == MeasureKind.metadata) {
            if (field == null || !FIELD.matcher(field).matches()) {
                violations.add(new Violation(path + ".field", "a metadata measure names its field: 1 to 100 letters, "
                        + "digits, '_' or '-'"));
            }
        } else if (field != null || type != null) {
            violations.add(new Violation(path + ".field", "only a metadata measure has a field and a type"));
        }
        Measure complete = completed();
        Statistic chosen = complete.statistic();
        if (complete.performance() != (chosen == Statistic.drop)) {
            violations.add(new Violation(path + ".statistic", complete.performance()
                    ? "accuracy and f1 are compared by drop"
                    : "drop compares accuracy and f1; this measure takes psi, jensen_shannon"
                    + (complete.categorical() ? "" : ", wasserstein or ks")));
        } else if (complete.categorical() && (chosen == Statistic.wasserstein || chosen == Statistic.ks)) {
            violations.add(new Violation(path + ".statistic", chosen + " needs ordered values; a categorical measure "
                    + "takes psi or jensen_shannon"));
        }
        double limit = complete.threshold();
        if (Double.isNaN(limit) || limit <= 0 || limit > 100) {
            violations.add(new Violation(path + ".threshold", "must be above 0 and at most 100"));
        }
        return violations;
    }
}
