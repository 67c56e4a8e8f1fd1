package io.rubrix.query.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.common.dataset.DatasetStore;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.store.RecordsIndex;
import io.rubrix.model.dataset.Dataset;
import io.rubrix.model.error.ApiException;
import io.rubrix.model.record.Task;
import io.rubrix.model.rules.LabelingRule;
import io.smallrye.mutiny.Uni;

/**
 * The figures of a dataset's labelling rules (ADR 0013): coverage, precision against the annotations, overlaps and
 * conflicts between rules, all counted by Elasticsearch in one search of aggregations per request (never by reading
 * records), so that the web app can ask again as a person types a rule. The rules are read from the dataset's
 * descriptor, which also decides who may read them (a dataset of another workspace is a 404).
 *
 * <p>Token classification: the figures are per record; a record is annotated when its annotation has an entity, and
 * correct for a rule when it has an entity of one of the rule's labels ({@code annotated_as} holds the entity labels).
 * A record whose annotation gives it no label (no entity, no class) counts as not annotated.
 */
@ApplicationScoped
public class RulesService {

    private final DatasetStore datasets;
    private final RecordsIndex records;
    private final FiguresSearch search;
    private final ObjectMapper json;

    public RulesService(DatasetStore datasets, RecordsIndex records, ObjectMapper json) {
        this.datasets = datasets;
        this.records = records;
        this.search = new FiguresSearch(json);
        this.json = json;
    }

    /** Every saved rule with its figures, oldest first, and the figures of the set. */
    public Uni<RuleFigures.Listing> all(String workspace, String name, Task task) {
        return readable(workspace, name, task).chain(dataset -> {
            List<LabelingRule> rules = dataset.rules();
            List<FiguresSearch.Measured> measured = IntStream.range(0, rules.size())
                    .mapToObj(i -> new FiguresSearch.Measured(rules.get(i), without(rules, rules.get(i).name())))
                    .toList();
            return figures(workspace, name, measured, rules, RulesService::savedRuleRefused).map(answer -> {
                List<RuleFigures> figures = new ArrayList<>();
                List<RuleFigures.Rule> listed = new ArrayList<>();
                for (int i = 0; i < rules.size(); i++) {
                    figures.add(FiguresSearch.figures(answer, i, rules.get(i)));
                    listed.add(RuleFigures.Rule.of(rules.get(i), figures.get(i)));
                }
                return new RuleFigures.Listing(listed, FiguresSearch.totals(answer, figures));
            });
        });
    }

    /** The saved rule {@code rule} with its figures (overlaps and conflicts against the other saved rules), or a 404. */
    public Uni<RuleFigures.Rule> one(String workspace, String name, Task task, String rule) {
        return readable(workspace, name, task).chain(dataset -> {
            LabelingRule found = dataset.rules().stream().filter(saved -> saved.name().equals(rule)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("Rule '" + rule + "' not found in dataset '" + name + "'"));
            List<FiguresSearch.Measured> measured = List.of(
                    new FiguresSearch.Measured(found, without(dataset.rules(), rule)));
            return figures(workspace, name, measured, null, RulesService::savedRuleRefused)
                    .map(answer -> RuleFigures.Rule.of(found, FiguresSearch.figures(answer, 0, found)));
        });
    }

    /**
     * The figures of a rule not saved, its overlaps and conflicts counted against the saved rules (but the one it
     * edits, when it names one). A query Elasticsearch cannot parse is a 400 naming {@code query}.
     */
    public Uni<RuleFigures.Draft> draft(String workspace, String name, Task task, RuleDraft draft) {
        RuleDraft typed = draft == null ? new RuleDraft(null, null, null) : draft;
        LabelingRule rule = typed.requireValid();
        return readable(workspace, name, task).chain(dataset -> {
            List<FiguresSearch.Measured> measured = List.of(new FiguresSearch.Measured(rule,
                    typed.name() == null ? dataset.rules() : without(dataset.rules(), typed.name())));
            return figures(workspace, name, measured, null,
                    refused -> ApiException.badRequest("query", refused.reason()))
                    .map(answer -> new RuleFigures.Draft(FiguresSearch.figures(answer, 0, rule)));
        });
    }

    /** The dataset, when the caller may read it (404 else) and it is of {@code task}, which has labels to vote for. */
    private Uni<Dataset> readable(String workspace, String name, Task task) {
        if (task == Task.Text2Text) {
            throw ApiException.badRequest("task", "Text2Text has no labels to vote for: labelling rules are for "
                    + "TextClassification and TokenClassification datasets");
        }
        return datasets.require(workspace, name).invoke(dataset -> dataset.requireTask(task));
    }

    /** The one search; a dataset without records yet answers zeros. */
    private Uni<JsonNode> figures(String workspace, String name, List<FiguresSearch.Measured> measured,
            List<LabelingRule> set, Function<ElasticsearchException, ApiException> refused) {
        return records.searchCached(records.name(workspace, name), search.body(measured, set))
                .onFailure(ElasticsearchException::notFound).recoverWithItem(() -> json.createObjectNode())
                .onFailure(ElasticsearchException::refusedQuery)
                .transform(failure -> refused.apply((ElasticsearchException) failure));
    }

    /**
     * A saved rule whose query Elasticsearch refuses (written before queries were checked, or after a change of the
     * syntax): a 400 naming {@code rules}, with Elasticsearch's reason, which quotes the query.
     */
    private static ApiException savedRuleRefused(ElasticsearchException refused) {
        return ApiException.badRequest("rules", "Elasticsearch refuses the query of a saved rule: " + refused.reason());
    }

    private static List<LabelingRule> without(List<LabelingRule> rules, String name) {
        return rules.stream().filter(rule -> !rule.name().equals(name)).toList();
    }
}
