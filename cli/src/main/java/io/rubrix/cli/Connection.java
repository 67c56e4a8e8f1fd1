package io.rubrix.cli;

import io.rubrix.client.ClientCredentials;
import io.rubrix.client.Rubrix;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the server is and who calls it: options of every command, defaulting to the SDK's environment variables. */
public final class Connection {

    @Option(names = "--api-url", defaultValue = "${env:RUBRIX_API_URL:-http://localhost:6900}",
            description = "The Rubrix server (the gateway). Default: $RUBRIX_API_URL or ${DEFAULT-VALUE}.")
    String apiUrl;

    @Option(names = "--api-key", defaultValue = "${env:RUBRIX_API_KEY}",
            description = "The bearer token (an access token of the realm). Default: $RUBRIX_API_KEY.")
    String apiKey;

    @Option(names = "--workspace", description = "One of your workspaces (default: the first of your token's groups).")
    String workspace;

    @Option(names = "--client-id", defaultValue = "${env:RUBRIX_CLIENT_ID}",
            description = "Instead of --api-key: a service account's client id (with --client-secret, --token-url).")
    String clientId;

    @Option(names = "--client-secret", defaultValue = "${env:RUBRIX_CLIENT_SECRET}",
            description = "The service account's secret. Default: $RUBRIX_CLIENT_SECRET.")
    String clientSecret;

    @Option(names = "--token-url", defaultValue = "${env:RUBRIX_TOKEN_URL}",
            description = "The identity provider's token endpoint, e.g. "
                    + "http://localhost:8180/realms/rubrix/protocol/openid-connect/token. Default: $RUBRIX_TOKEN_URL.")
    String tokenUrl;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public Rubrix client() {
        if (clientId != null && (clientSecret == null || tokenUrl == null)) {
            throw new ParameterException(command.commandLine(), "--client-id needs --client-secret and --token-url");
        }
        Rubrix rubrix = clientId == null ? Rubrix.init(apiUrl, apiKey)
                : Rubrix.init(apiUrl, new ClientCredentials(tokenUrl, clientId, clientSecret));
        return workspace == null ? rubrix : rubrix.inWorkspace(workspace);
    }
}
