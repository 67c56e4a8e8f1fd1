package io.rubrix.annotation.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
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

    static final String PLAN = "plan";
    static final String CURSOR = "cursor";
    static final String OWNER = "owner";
    static final String LEASE_UNTIL = "lease_until";

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

    /**
     * A job selected by a query as its runner saves it after each page: its progress, how far its scan got
     * ({@code cursor}: the last record id of the pages written, in id order) and its lease ({@link JobLease}); with
     * its plan when it starts ({@code plan} non-null).
     */
    public Uni<Job> save(Job job, JobPlan plan, String cursor, String owner, Instant leaseUntil) {
        Map<String, Object> document = documentOf(job);
        if (plan != null) {
            document.put(PLAN, plan);
        }
        document.put(CURSOR, cursor);
        document.put(OWNER, owner);
        document.put(LEASE_UNTIL, leaseUntil.toString());
        return indices.ensureReady()
                .chain(() -> elasticsearch.send("POST", "/" + layout.jobsIndex() + "/_update/" + PathSegment.encode(job.id()),
                        Map.of("doc", document, "doc_as_upsert", true), Map.of("retry_on_conflict", "5")))
                .replaceWith(job);
    }

    /** A job selected by a query whose replica stopped running it, as it was last saved. */
    public record Abandoned(Job job, JobPlan plan, String cursor, long seqNo, long primaryTerm) {
    }

    /**
     * The running jobs with a plan whose lease ran out before {@code now}: their replica stopped (or lost
     * Elasticsearch for longer than the lease). Jobs saved before leases existed, and jobs without a plan (a selection
     * by ids, answered within its request; weak labels), have none and are left alone.
     */
    public Uni<List<Abandoned>> abandoned(Instant now) {
        ObjectNode search = json.createObjectNode();
        search.put("size", 100).put("seq_no_primary_term", true);
        search.putObject("query").putObject("bool").putArray("filter").addObject().putObject("term").put("state", "running");
        return indices.ensureReady()
                .chain(() -> elasticsearch.send("POST", "/" + layout.jobsIndex() + "/_search", search))
                .onFailure(ElasticsearchException::notFound).recoverWithItem(() -> json.createObjectNode())
                .map(answer -> {
                    List<Abandoned> found = new ArrayList<>();
                    for (JsonNode hit : answer.path("hits").path("hits")) {
                        JsonNode source = hit.path("_source");
                        String until = source.path(LEASE_UNTIL).asText(null);
                        if (!source.hasNonNull(PLAN) || until == null || Instant.parse(until).isAfter(now)) {
                            continue;
                        }
                        try {
                            found.add(new Abandoned(read(source), json.treeToValue(source.get(PLAN), JobPlan.class),
                                    source.path(CURSOR).asText(null), hit.path("_seq_no").asLong(),
                                    hit.path("_primary_term").asLong()));
                        } catch (JsonProcessingException e) {
                            Log.warnf("Job %s has an unreadable plan; it is not taken over: %s", hit.path("_id").asText(),
                                    e.getMessage());
                        }
                    }
                    return found;
                });
    }

    /**
     * Takes {@code job} over for {@code owner}: only if nobody changed it since it was found (its runner renewing its
     * lease, another replica taking it first); true when this replica has it.
     */
    public Uni<Boolean> claim(Abandoned job, String owner, Instant leaseUntil) {
        return elasticsearch.send("POST", "/" + layout.jobsIndex() + "/_update/" + PathSegment.encode(job.job().id()),
                        Map.of("doc", Map.of(OWNER, owner, LEASE_UNTIL, leaseUntil.toString())),
                        Map.of("if_seq_no", String.valueOf(job.seqNo()), "if_primary_term", String.valueOf(job.primaryTerm())))
                .replaceWith(true)
                .onFailure(ElasticsearchException::conflict).recoverWithItem(false);
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

    /**
     * Whether the job should stop before its next page, for a runner holding a lease: someone asked it to, or
     * another replica took it over ({@code owner} no longer holds it: this runner was thought gone).
     */
    public Uni<Boolean> stopRequested(String id, String owner) {
        return elasticsearch.get(path(id)).map(found -> found.path("_source"))
                .map(source -> source.path("cancel_requested").asBoolean(false)
                        || (source.hasNonNull(OWNER) && !owner.equals(source.path(OWNER).asText())));
    }

    public Uni<Void> requestCancel(String id) {
        return elasticsearch.send("POST", "/" + layout.jobsIndex() + "/_update/" + PathSegment.encode(id),
                Map.of("doc", Map.of("cancel_requested", true)), Map.of("retry_on_conflict", "5"))
                .replaceWithVoid();
    }

    /** A save never clears a cancel request made in between: the flag is only ever set by {@link #requestCancel}. */
    private Map<String, Object> withoutCancelFlag(Job job) {
        return Map.of("doc", documentOf(job), "doc_as_upsert", true);
    }

    private Map<String, Object> documentOf(Job job) {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = json.convertValue(job, Map.class);
        document.remove("cancel_requested");
        return document;
    }

    private String path(String id) {
        return "/" + layout.jobsIndex() + "/_doc/" + PathSegment.encode(id);
    }

    private Job read(JsonNode source) {
        try {
            return json.treeToValue(source, Job.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job " + source, e);
        }
    }
}
