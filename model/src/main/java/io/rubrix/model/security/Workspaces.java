package io.rubrix.model.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.validation.DatasetName;

/**
 * The workspaces a caller may use, from its token's groups claim. A user without a usable group works
 * in a personal workspace named after it. A request names its workspace or uses the default one: the
 * first of the caller's workspaces in alphabetical order.
 */
public record Workspaces(String username, List<String> names) {

    /** The header a request names its workspace with (the query parameter {@code workspace} works too). */
    public static final String HEADER = "X-Rubrix-Workspace";

    public Workspaces {
        Objects.requireNonNull(username, "username");
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a caller has at least one workspace");
        }
    }

    /**
     * Keycloak group paths ({@code /team-a}) are cut to their name and lowercased; a group that is not a
     * valid workspace name (the dataset-name rule) is ignored.
     */
    public static Workspaces of(String username, Collection<String> groups) {
        List<String> names = groups == null ? List.of() : groups.stream()
                .filter(Objects::nonNull)
                .map(Workspaces::normalize)
                .filter(DatasetName::isValid)
                .distinct().sorted().toList();
        return new Workspaces(username, names.isEmpty() ? List.of(personal(username)) : names);
    }

    /** The workspace a group names: its last path segment, in lower case. */
    public static String normalize(String group) {
        String name = group.strip();
        int slash = name.lastIndexOf('/');
        return (slash >= 0 ? name.substring(slash + 1) : name).toLowerCase(Locale.ROOT);
    }

    private static String personal(String username) {
        String name = username.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceFirst("^[-_]+", "");
        return name.isEmpty() ? "default" : name;
    }

    public String defaultWorkspace() {
        return names.get(0);
    }

    public boolean contains(String workspace) {
        return names.contains(workspace);
    }

    /**
     * The workspace a request acts in: the one it names (which must be the caller's, else 404 so that other
     * tenants' names are not confirmed) or the default one.
     */
    public String resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultWorkspace();
        }
        if (!contains(requested)) {
            throw ApiException.notFound("Workspace '" + requested + "' not found among yours");
        }
        return requested;
    }
}
