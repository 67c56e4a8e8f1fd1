package io.rubrix.ingest.bulk;

import io.quarkus.security.identity.SecurityIdentity;
import io.rubrix.model.record.TaskRecord;
import io.rubrix.model.security.Roles;

/**
 * Who logs a bulk, as far as human work goes: a person (role annotator or admin) may log labelled records, credited
 * to themselves; an admin may also import labels on behalf of the agent the records name. A machine (role ingest
 * alone) logs predictions only.
 */
public record BulkCaller(String username, boolean person, boolean admin) {

    public static BulkCaller of(SecurityIdentity identity, String username) {
        boolean admin = identity.hasRole(Roles.ADMIN);
        return new BulkCaller(username, admin || identity.hasRole(Roles.ANNOTATOR), admin);
    }

    /** {@code record} with its annotation credited as this caller may: to the caller, unless an admin imports. */
    public TaskRecord credited(TaskRecord record) {
        return admin ? record : record.withAnnotationAgent(username);
    }
}
