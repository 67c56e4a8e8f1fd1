package io.rubrix.common.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Every error an operation can answer, each as {@code application/problem+json} (the {@code Problem} schema), and
 * the roles it needs, in its description and as {@code x-rubrix-roles}. The errors follow from the operation's shape
 * (a body can be malformed or too large, a dataset name invalid or missing); the few that depend on what it does are
 * listed here by operation. The e2e contract test reaches every status documented this way.
 */
final class ErrorAnswers {

    static final String PROBLEM = "application/problem+json";
    static final List<String> EVERY_ROLE = List.of("admin", "annotator", "viewer", "reviewer", "ingest");

    /** Operations that meet a closed dataset (409), by method and path. */
    static final Set<String> CONFLICTS = Set.of(
            "POST /api/datasets/{name}/{task}:bulk", "POST /api/datasets/{name}/{task}:search",
            "POST /api/datasets/{name}/{task}:summary", "POST /api/datasets/{name}/{task}:series",
            "POST /api/datasets/{name}/{task}/data", "GET /api/datasets/{name}/{task}/data",
            "POST /api/datasets/{name}/snapshots",
            "PUT /api/datasets/{name}/{task}/records/{id}/annotation",
            "PUT /api/datasets/{name}/{task}/records/{id}/responses/me",
            "PUT /api/datasets/{name}/{task}/records/{id}/responses/me:next",
            "PUT /api/datasets/{name}/{task}/records/{id}/review",
            "POST /api/datasets/{name}/{task}/records/{id}/comments",
            "POST /api/datasets/{name}/{task}/bulk-annotations", "POST /api/datasets/{name}/{task}/bulk-deletions");

    /** Operations whose body may be left out: no query means every record. */
    static final Set<String> OPTIONAL_BODIES = Set.of(
            "POST /api/datasets/{name}/{task}:search", "POST /api/datasets/{name}/{task}:summary",
            "POST /api/datasets/{name}/{task}:series", "POST /api/datasets/{name}/{task}/data",
            "POST /api/datasets/{name}/snapshots", "PATCH /api/datasets/{name}");

    /** Operations that create what they name, or succeed when it is gone: no 404 for a missing dataset. */
    static final Set<String> NO_MISSING = Set.of(
            "POST /api/datasets/{name}/{task}:bulk", "DELETE /api/datasets/{name}");

    private static final Map<Integer, String> MEANINGS = Map.of(
            400, "The request is malformed: the problem's detail and errors name each field and the reason",
            401, "No valid bearer token",
            403, "The caller's roles do not allow this",
            404, "No such dataset, record, snapshot or job in the caller's workspace, or no such workspace among the caller's",
            409, "The dataset is closed, or the record (a label, a review) or the caller's response changed since the "
                    + "version sent",
            413, "The body is larger than the service takes (quarkus.http.limits.max-body-size)",
            422, "The dataset name breaks the naming rule",
            428, "If-Match with the version seen (the record's; for a response, the caller's response's) is required",
            503, "Elasticsearch is busy or unavailable: retry after Retry-After seconds");

    private ErrorAnswers() {
    }

    static void addSchemas(OpenAPI document) {
        document.getComponents().addSchema("FieldError", fieldError()).addSchema("Problem", problem());
    }

    /**
     * A type declared as alternatives ({@code anyOf}, such as a record id: an integer or a text) is only those: the
     * generator also lists the Java class' own shape, which is not what goes over the wire.
     */
    static void onlyItsAlternatives(Schema schema) {
        if (schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            schema.setType(null);
            schema.setProperties(null);
        }
    }

    /** An answer without a body (a DELETE's 200) documents none, rather than an empty JSON one. */
    private static void withoutEmptyContent(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            return;
        }
        new java.util.ArrayList<>(response.getContent().getMediaTypes().entrySet()).forEach(media -> {
            if (media.getValue() == null || media.getValue().getSchema() == null) {
                response.getContent().removeMediaType(media.getKey());
            }
        });
        if (response.getContent().getMediaTypes().isEmpty()) {
            response.setContent(null);
        }
    }

    static void complete(String key, Operation operation) {
        if (operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().values().forEach(ErrorAnswers::withoutEmptyContent);
        }
        List<String> roles = rolesOf(operation);
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean body = operation.getRequestBody() != null;
        boolean named = key.contains("{name}");
        boolean data = key.contains(" /api/datasets") || key.contains(" /api/jobs");
        Map<Integer, Boolean> errors = new LinkedHashMap<>();
        errors.put(400, body || key.contains("{task}") || hasIntegerQuery(operation));
        errors.put(401, secured);
        // a role the operation does not take (a workspace the caller is not a member of is a 404: not revealed)
        errors.put(403, secured && !roles.isEmpty() && !roles.containsAll(EVERY_ROLE));
        errors.put(404, (named && !NO_MISSING.contains(key)) || key.contains("{id}"));
        errors.put(409, CONFLICTS.contains(key));
        errors.put(413, body);
        errors.put(422, named);
        errors.put(428, key.startsWith("PUT ") && (key.endsWith("/annotation") || key.endsWith("/responses/me")
                || key.endsWith("/responses/me:next") || key.endsWith("/review")));
        errors.put(503, secured && data);
        errors.forEach((status, applies) -> {
            if (applies) {
                operation.getResponses().addAPIResponse(String.valueOf(status), problemAnswer(MEANINGS.get(status)));
            } else if (operation.getResponses().hasAPIResponse(String.valueOf(status))) {
                operation.getResponses().removeAPIResponse(String.valueOf(status));
            }
        });
        if (body && OPTIONAL_BODIES.contains(key)) {
            operation.getRequestBody().setRequired(false);
        }
        if (!roles.isEmpty()) {
            String needs = "Roles: " + String.join(", ", roles) + ".";
            operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
            operation.addExtension("x-rubrix-roles", roles);
        }
    }

    private static List<String> rolesOf(Operation operation) {
        if (operation.getSecurity() == null) {
            return List.of();
        }
        return operation.getSecurity().stream()
                .map(SecurityRequirement::getSchemes)
                .filter(schemes -> schemes != null)
                .flatMap(schemes -> schemes.values().stream())
                .flatMap(List::stream)
                .distinct()
                .sorted(java.util.Comparator.comparingInt(role -> EVERY_ROLE.indexOf(role)))
                .toList();
    }

    private static boolean hasIntegerQuery(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> parameter.getIn() == Parameter.In.QUERY && parameter.getSchema() != null
                        && parameter.getSchema().getType() != null
                        && parameter.getSchema().getType().contains(Schema.SchemaType.INTEGER));
    }

    private static APIResponse problemAnswer(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(PROBLEM, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
    }

    private static Schema problem() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An error (RFC 9457): what went wrong, for a person; errors names each bad field")
                .required(List.of("type", "title", "status", "detail"))
                .addProperty("type", string("about:blank"))
                .addProperty("title", string("The HTTP status' name"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string("What went wrong and, where there is one, the way out"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")));
    }

    private static Schema fieldError() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .required(List.of("field", "reason"))
                .addProperty("field", string("The field's path in the body, or the parameter's name"))
                .addProperty("reason", string("Why it was refused"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
