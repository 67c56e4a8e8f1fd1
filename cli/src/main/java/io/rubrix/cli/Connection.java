package io.rubrix.cli;

import io.rubrix.client.Rubrix;
import picocli.CommandLine.Option;

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

    public Rubrix client() {
        Rubrix rubrix = Rubrix.init(apiUrl, apiKey);
        return workspace == null ? rubrix : rubrix.inWorkspace(workspace);
    }
}
