package io.rubrix.model.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.rubrix.model.record.Timestamps;

/**
 * The label model last applied to a dataset (ADR 0013), kept in its descriptor so that records logged afterwards get
 * their weak label as they are written: the model's name and, for the generative model, what it learnt (the classes'
 * prior and each rule's firing chances). Should the rules change after it was fitted, new records get the majority
 * vote of the rules as they are, until the model is applied again.
 */
@JsonPropertyOrder({"model", "applied_at", "classes", "prior", "rules"})
public record WeakLabelSettings(
        @JsonProperty("model") String model,
        @JsonProperty("applied_at") @JsonSerialize(using = Timestamps.Writer.class)
        @JsonDeserialize(using = Timestamps.Reader.class) Instant appliedAt,
        @JsonProperty("classes") List<String> classes,
        @JsonProperty("prior") List<Double> prior,
        @JsonProperty("rules") List<Learnt> rules) {

    public static final String GENERATIVE = "generative";
    public static final String MAJORITY = "majority";

    /** What the generative model learnt of one rule (NaN chances are left out: a rule it did not use). */
    @JsonPropertyOrder({"name", "fire_in", "fire_out"})
    public record Learnt(@JsonProperty("name") String name, @JsonProperty("fire_in") Double fireIn,
            @JsonProperty("fire_out") Double fireOut) {
    }

    public WeakLabelSettings {
        classes = classes == null ? List.of() : List.copyOf(classes);
        prior = prior == null ? List.of() : List.copyOf(prior);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public static WeakLabelSettings majority(Instant appliedAt) {
        return new WeakLabelSettings(MAJORITY, appliedAt, null, null, null);
    }

    public static WeakLabelSettings generative(Instant appliedAt, LabelMatrix matrix, GenerativeModel.Fitted fitted) {
        List<Learnt> learnt = new ArrayList<>();
        for (int j = 0; j < matrix.rules().size(); j++) {
            learnt.add(fitted.ruleClass()[j] < 0 ? new Learnt(matrix.rules().get(j).name(), null, null)
                    : new Learnt(matrix.rules().get(j).name(), fitted.fireIn()[j], fitted.fireOut()[j]));
        }
        return new WeakLabelSettings(GENERATIVE, appliedAt, fitted.classes(),
                java.util.Arrays.stream(fitted.prior()).boxed().toList(), learnt);
    }

    /**
     * The weak label of a record that the rules named {@code matched} (of {@code current}, the dataset's rules now)
     * matched; empty when no rule voted or the vote is a tie.
     */
    public Optional<WeakLabel> label(List<LabelingRule> current, Set<String> matched, boolean multiLabel) {
        LabelMatrix matrix = new LabelMatrix(current);
        int[] rows = new int[matched.size()];
        int n = 0;
        for (int j = 0; j < current.size(); j++) {
            if (matched.contains(current.get(j).name())) {
                rows[n++] = j;
            }
        }
        int row = matrix.add(java.util.Arrays.copyOf(rows, n));
        if (multiLabel) {
            return MajorityVote.multiLabel(matrix, row);
        }
        Optional<GenerativeModel.Fitted> fitted = fittedFor(current, matrix);
        return fitted.isPresent() ? fitted.get().predict(matrix, row) : MajorityVote.singleLabel(matrix, row);
    }

    /** The generative model over {@code current}, if it was fitted on exactly these rules as they are now. */
    private Optional<GenerativeModel.Fitted> fittedFor(List<LabelingRule> current, LabelMatrix matrix) {
        if (!GENERATIVE.equals(model) || appliedAt == null || current.size() != rules.size()
                || !matrix.classes().equals(classes)) {
            return Optional.empty();
        }
        Map<String, Learnt> byName = rules.stream().collect(Collectors.toMap(Learnt::name, Function.identity(),
                (a, b) -> a));
        int size = current.size();
        double[] fireIn = new double[size];
        double[] fireOut = new double[size];
        int[] ruleClass = new int[size];
        for (int j = 0; j < size; j++) {
            LabelingRule rule = current.get(j);
            Learnt learnt = byName.get(rule.name());
            if (learnt == null || rule.updatedAt() == null || rule.updatedAt().isAfter(appliedAt)) {
                return Optional.empty();
            }
            boolean used = learnt.fireIn() != null && learnt.fireOut() != null;
            ruleClass[j] = used ? matrix.classesOf(j)[0] : -1;
            fireIn[j] = used ? learnt.fireIn() : Double.NaN;
            fireOut[j] = used ? learnt.fireOut() : Double.NaN;
        }
        double[] priors = prior.stream().mapToDouble(Double::doubleValue).toArray();
        return Optional.of(new GenerativeModel.Fitted(classes, priors, fireIn, fireOut, new double[size], 0, true,
                ruleClass));
    }
}
