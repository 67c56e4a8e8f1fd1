package io.rubrix.annotation.job;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rubrix.annotation.index.AnnotationIndices;
import io.rubrix.common.elasticsearch.Elasticsearch;
import io.rubrix.common.elasticsearch.ElasticsearchException;
import io.rubrix.common.elasticsearch.PathSegment;
import io.rubrix.common.index.IndexLayout;
import io.rubrix.model.error.ApiException;
import io.smallrye.mutiny.Uni;

/** Jobs in the jobs index: any replica reads a job's progress and asks it to stop. */
@ApplicationScoped
public class JobStore {

    private final Elasticsearch elasticsearch;
    private final AnnotationIndices indices;
    private final IndexLayout layout;
    private final ObjectMapper json;

    public JobStore(Elasticsearch elasticsearch, AnnotationIndices indices, IndexLayout layout, ObjectMapper json) {
        this.elasticsearch = elasticsearch;
        this.indices = indices;
        this.layout = layout;
        this.json = json;
    }

    /** Writes the job as it is now (the runner is its only writer, apart from {@link #requestCancel}). */
    public Uni<Job> save(Job job) {
        return indices.ensureReady()
                .chain(() -> elasticsearch.send("POST", "/" + layout.jobsIndex() + "/_update/" + PathSegment.encode(job.id()),
                        withoutCancelFlag(job), Map.of("retry_on_conflict", "5")))
                .replaceWith(job);
    }

    /** The job, or a 404 (also for a job of another workspace than {@code workspace}s the caller has). */
    public Uni<Job> get(String id) {
        // The jobs index also keeps the event relay's lease and the queues' holds: those are no job.
        return elasticsearch.get(path(id))
                .map(found -> found.get("_source"))
                .onFailure(ElasticsearchException::notFound).transform(e -> ApiException.notFound("No job '" + id + "'"))
                .map(source -> {
                    if (!source.hasNonNull("kind")) {
                        throw ApiException.notFound("No job '" + id + "'");
                    }
                    return read(source);
                });
    }

    /** Whether someone asked the job to stop. */
    public Uni<Boolean> cancelRequested(String id) {
        return get(id).map(Job::cancelRequested);
    }

    public Uni<Void> requestCancel(String id) {
        return elasticsearch.send("POST", "/" + layout.jobsIndex() + "/_update/" + PathSegment.encode(id),
                Map.of("doc", Map.of("cancel_requested", true)), Map.of("retry_on_conflict", "5"))
                .replaceWithVoid();
    }

    /** A save never clears a cancel request made in between: the flag is only ever set by {@link #requestCancel}. */
    private Map<String, Object> withoutCancelFlag(Job job) {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = json.convertValue(job, Map.class);
        document.remove("cancel_requested");
        return Map.of("doc", document, "doc_as_upsert", true);
    }

    private String path(String id) {
        return "/" + layout.jobsIndex() + "/_doc/" + PathSegment.encode(id);
    }

    private Job read(com.fasterxml.jackson.databind.JsonNode source) {
        try {
            return json.treeToValue(source, Job.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job " + source, e);
        }
    }
}
