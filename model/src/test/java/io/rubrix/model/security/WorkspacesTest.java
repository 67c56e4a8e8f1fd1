package io.rubrix.model.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rubrix.model.error.ApiException;

class WorkspacesTest {

    @Test
    void groupsBecomeWorkspacesSortedWithKeycloakPathsCut() {
        Workspaces workspaces = Workspaces.of("ana", List.of("/team-b", "Team-A", "not valid!"));

        assertThat(workspaces.names()).containsExactly("team-a", "team-b");
        assertThat(workspaces.defaultWorkspace()).isEqualTo("team-a");
    }

    @Test
    void aUserWithoutGroupsWorksInAPersonalWorkspace() {
        assertThat(Workspaces.of("Ana.Lopez@corp", List.of()).names()).containsExactly("ana-lopez-corp");
        assertThat(Workspaces.of("ana", null).defaultWorkspace()).isEqualTo("ana");
    }

    @Test
    void aRequestUsesTheNamedWorkspaceOrTheDefault() {
        Workspaces workspaces = Workspaces.of("ana", List.of("team-a", "team-b"));

        assertThat(workspaces.resolve(null)).isEqualTo("team-a");
        assertThat(workspaces.resolve("team-b")).isEqualTo("team-b");
    }

    @Test
    void anotherWorkspaceIsNotFound() {
        assertThatThrownBy(() -> Workspaces.of("ana", List.of("team-a")).resolve("team-x"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).problem().status()).isEqualTo(404));
    }
}
