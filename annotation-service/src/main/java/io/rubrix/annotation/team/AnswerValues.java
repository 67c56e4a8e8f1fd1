package io.rubrix.annotation.team;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.model.agreement.AgreementKeys;
import io.rubrix.model.agreement.AgreementUnits;
import io.rubrix.model.agreement.NominalAlpha;
import io.rubrix.model.agreement.ValuePair;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.record.text.TextClassificationAnnotation;
import io.rubrix.model.record.text.TextClassificationRecord;
import io.rubrix.model.record.text2text.Text2TextAnnotation;
import io.rubrix.model.record.token.BioTags;
import io.rubrix.model.record.token.EntitySpan;
import io.rubrix.model.record.token.TokenClassificationAnnotation;
import io.rubrix.model.record.token.TokenClassificationRecord;
import io.rubrix.model.team.Response;
import io.rubrix.model.team.ResponseStatus;

/**
 * What people's answers to one record are worth for comparing them, per task (ADR 0012): each answer as one
 * comparable text (two people agree when theirs are equal), and the record's share of the agreement figures as
 * keywords ({@link AgreementKeys}).
 *
 * <ul>
 * <li>Single label: the label is the value (alpha over labels; alpha per label from the same coincidences).</li>
 * <li>Multi label: each label present in a response is a binary unit (applies or not), scoped by the label; the
 * kappa value is the set of labels.</li>
 * <li>Tokens: each token is a unit valued by its BIO tag in each response (ADR 0012, "the overlap rule").</li>
 * <li>Text2Text: answers agree when their first sentences are the same text; no alpha or kappa (free text is not
 * nominal).</li>
 * </ul>
 */
@ApplicationScoped
public class AnswerValues {

    static final String DISCARDED = "\u0000discarded";

    private final ObjectMapper json;

    public AnswerValues(ObjectMapper json) {
        this.json = json;
    }

    /** Every answering person's answer as a comparable text. */
    public Map<String, String> canonical(TaskRecord record, List<Response> responses) {
        Map<String, String> canonical = new LinkedHashMap<>();
        for (Response response : responses) {
            if (response.status() == ResponseStatus.discarded) {
                canonical.put(response.user(), DISCARDED);
            } else if (response.status() == ResponseStatus.submitted) {
                canonical.put(response.user(), canonical(record, response.annotation()));
            }
        }
        return canonical;
    }

    private String canonical(TaskRecord record, JsonNode annotation) {
        if (annotation == null || annotation.isNull()) {
            return "";
        }
        if (record instanceof TextClassificationRecord text) {
            return String.join(AgreementKeys.SEPARATOR, new TreeSet<>(labels(text, annotation)));
        }
        if (record instanceof TokenClassificationRecord) {
            TreeSet<String> spans = new TreeSet<>();
            for (EntitySpan span : read(annotation, TokenClassificationAnnotation.class).entities()) {
                spans.add(span.start() + ":" + span.end() + ":" + span.label());
            }
            return String.join(AgreementKeys.SEPARATOR, spans);
        }
        Text2TextAnnotation sentences = read(annotation, Text2TextAnnotation.class);
        return sentences.sentences().isEmpty() ? "" : sentences.sentences().get(0).text();
    }

    /** The record's alpha keywords, from its submitted responses. */
    public List<String> coincidences(TaskRecord record, List<Response> responses) {
        List<Response> submitted = submitted(responses);
        int m = submitted.size();
        if (m < 2) {
            return List.of();
        }
        if (record instanceof TextClassificationRecord text && !text.multiLabel()) {
            return AgreementKeys.coincidences("", NominalAlpha.coincidences(
                    submitted.stream().map(response -> single(text, response.annotation())).toList()), m);
        }
        if (record instanceof TextClassificationRecord text) {
            List<List<String>> sets = submitted.stream().map(response -> labels(text, response.annotation())).toList();
            List<String> keys = new ArrayList<>();
            sets.stream().flatMap(List::stream).distinct().forEach(label ->
                    keys.addAll(AgreementKeys.coincidences(label, AgreementUnits.ofLabel(label, sets), m)));
            return keys;
        }
        if (record instanceof TokenClassificationRecord tokens) {
            return AgreementKeys.coincidences("", AgreementUnits.ofSpans(tokens, submitted.stream()
                    .map(response -> read(response.annotation(), TokenClassificationAnnotation.class)).toList()), m);
        }
        return List.of();
    }

    /** The record's kappa keywords: for every two people who submitted, what each gave. */
    public List<String> pairs(TaskRecord record, List<Response> responses) {
        List<Response> submitted = new ArrayList<>(submitted(responses));
        submitted.sort(java.util.Comparator.comparing(Response::user));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < submitted.size(); i++) {
            for (int j = i + 1; j < submitted.size(); j++) {
                Map<ValuePair, Long> cells = cells(record, submitted.get(i).annotation(), submitted.get(j).annotation());
                keys.addAll(AgreementKeys.pairs(submitted.get(i).user(), submitted.get(j).user(), cells));
            }
        }
        return keys;
    }

    private Map<ValuePair, Long> cells(TaskRecord record, JsonNode first, JsonNode second) {
        if (record instanceof TextClassificationRecord text) {
            return Map.of(new ValuePair(text.multiLabel() ? canonical(record, first) : single(text, first),
                    text.multiLabel() ? canonical(record, second) : single(text, second)), 1L);
        }
        if (record instanceof TokenClassificationRecord tokens) {
            List<String> a = BioTags.of(tokens, read(first, TokenClassificationAnnotation.class));
            List<String> b = BioTags.of(tokens, read(second, TokenClassificationAnnotation.class));
            Map<ValuePair, Long> cells = new HashMap<>();
            for (int token = 0; token < a.size(); token++) {
                cells.merge(new ValuePair(a.get(token), b.get(token)), 1L, Long::sum);
            }
            return cells;
        }
        return Map.of();
    }

    private static List<Response> submitted(List<Response> responses) {
        return responses.stream().filter(response -> response.status() == ResponseStatus.submitted).toList();
    }

    private String single(TextClassificationRecord record, JsonNode annotation) {
        List<String> labels = labels(record, annotation);
        return labels.isEmpty() ? "" : labels.get(0);
    }

    private List<String> labels(TextClassificationRecord record, JsonNode annotation) {
        if (annotation == null || annotation.isNull()) {
            return List.of();
        }
        return record.assignedLabels(read(annotation, TextClassificationAnnotation.class));
    }

    private <A> A read(JsonNode annotation, Class<A> type) {
        try {
            return json.treeToValue(annotation, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored response " + annotation, e);
        }
    }
}
