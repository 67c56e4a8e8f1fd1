package io.rubrix.common.docs;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.rubrix.common.security.RequestWorkspace;
import io.rubrix.model.security.Workspaces;

/**
 * Completes each service's OpenAPI document (registered as {@code mp.openapi.filter}) with what its annotations
 * cannot say once for all operations: the error answers and roles ({@link ErrorAnswers}), and the workspace every
 * dataset operation acts in ({@link RequestWorkspace}: a query parameter or a header, resolved per request).
 */
public class ApiDocument implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getComponents() == null) {
            document.setComponents(OASFactory.createComponents());
        }
        ErrorAnswers.addSchemas(document);
        if (document.getComponents().getSchemas() != null) {
            document.getComponents().getSchemas().values().forEach(ErrorAnswers::onlyItsAlternatives);
        }
        if (document.getPaths() == null || document.getPaths().getPathItems() == null) {
            return;
        }
        document.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            ErrorAnswers.complete(method + " " + path, operation);
            if (path.startsWith("/api/datasets")) {
                addWorkspaceParameters(operation);
            }
        }));
    }

    private static void addWorkspaceParameters(Operation operation) {
        String description = "The workspace to act in: one of the caller's (else 404); the caller's default when "
                + "neither the parameter nor the header names one";
        for (Parameter parameter : List.of(
                workspace(RequestWorkspace.PARAMETER, Parameter.In.QUERY, description),
                workspace(Workspaces.HEADER, Parameter.In.HEADER, "The same as the workspace parameter, which wins"))) {
            boolean present = operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> p.getName().equals(parameter.getName()) && p.getIn() == parameter.getIn());
            if (!present) {
                operation.addParameter(parameter);
            }
        }
    }

    private static Parameter workspace(String name, Parameter.In in, String description) {
        return OASFactory.createParameter().name(name).in(in).description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }
}
