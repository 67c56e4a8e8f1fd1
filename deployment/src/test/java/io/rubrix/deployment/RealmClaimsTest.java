package io.rubrix.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Workspaces come from one claim that no requested scope can change (docs/adr/0009-trust-boundaries.md): in both
 * realm files, every client writes the caller's groups to {@code rubrix_workspaces}, and nothing else writes that
 * claim or a person the caller would act as.
 */
class RealmClaimsTest {

    @ParameterizedTest
    @ValueSource(strings = {"infra/keycloak/rubrix-realm.json", "k8s/base/keycloak/rubrix-realm.json"})
    void everyClientWritesTheWorkspacesClaimFromGroupsAndNoScopeWritesIt(String realmFile) throws IOException {
        JsonNode realm = new ObjectMapper().readTree(Repository.read(realmFile));
        List<String> wrong = new ArrayList<>();
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            boolean workspaces = false;
            for (JsonNode mapper : client.path("protocolMappers")) {
                String claim = mapper.path("config").path("claim.name").asText();
                String type = mapper.path("protocolMapper").asText();
                if (claim.equals("rubrix_workspaces")) {
                    workspaces |= type.equals("oidc-group-membership-mapper")
                            && mapper.path("config").path("full.path").asText().equals("false");
                    if (!type.equals("oidc-group-membership-mapper")) {
                        wrong.add(id + ": " + mapper.path("name").asText() + " writes rubrix_workspaces from " + type);
                    }
                }
                if (claim.equals("rubrix_person") && !type.equals("oidc-hardcoded-claim-mapper")) {
                    wrong.add(id + ": rubrix_person from " + type + " (only a realm admin's hardcoded value)");
                }
            }
            if (!workspaces) {
                wrong.add(id + ": no group-membership mapper to rubrix_workspaces");
            }
        }
        for (JsonNode scope : realm.path("clientScopes")) {
            for (JsonNode mapper : scope.path("protocolMappers")) {
                String claim = mapper.path("config").path("claim.name").asText();
                if (claim.equals("rubrix_workspaces") || claim.equals("rubrix_person")) {
                    wrong.add("client scope " + scope.path("name").asText() + " writes " + claim);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
