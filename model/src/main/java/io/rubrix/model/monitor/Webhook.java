package io.rubrix.model.monitor;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.rubrix.model.validation.Violation;

/**
 * Where a monitor's alerts are POSTed, signed with {@code secret} (HMAC-SHA256, ADR 0014). The secret and the full
 * URL (a chat webhook's URL is itself a credential) are written, never read back, and kept apart from the dataset's
 * descriptor, which readers see: it keeps the URL cut to its scheme and host ({@code https://hooks.example.com/…}) and
 * {@code secret_set}. A replacement that leaves the secret out keeps the one set before, and the URL too when it
 * gives the cut one back.
 */
@JsonPropertyOrder({"url", "secret", "secret_set"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Webhook(
        @JsonProperty("url") String url,
        @JsonProperty(value = "secret", access = JsonProperty.Access.WRITE_ONLY) String secret,
        @JsonProperty("secret_set") Boolean secretSet) {

    public static final int URL_LENGTH = 2_000;
    public static final int SECRET_MIN = 16;
    public static final int SECRET_MAX = 256;

    /** As the descriptor keeps it: the URL cut to its scheme and host, and whether a secret is set (it is, once valid). */
    public Webhook stored() {
        return new Webhook(shown(url), null, true);
    }

    /** The URL as readers see it: scheme, host and port, and {@code /…} when there was more. */
    public static String shown(String url) {
        try {
            URI uri = new URI(url);
            String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            boolean more = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())
                    || uri.getRawQuery() != null;
            return base + (more ? "/…" : "/");
        } catch (URISyntaxException e) {
            return "(unreadable)";
        }
    }

    /** What is wrong with this webhook; {@code secretKept}: a secret set before stays when none is given. */
    public List<Violation> violations(boolean secretKept) {
        List<Violation> violations = new ArrayList<>();
        if (url == null || url.isBlank()) {
            violations.add(new Violation("webhook.url", "is required"));
        } else if (url.length() > URL_LENGTH) {
            violations.add(new Violation("webhook.url", "is longer than " + URL_LENGTH + " characters"));
        } else {
            try {
                URI uri = new URI(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    violations.add(new Violation("webhook.url", "must be an http or https URL with a host"));
                } else if (uri.getUserInfo() != null) {
                    violations.add(new Violation("webhook.url", "must not carry credentials: sign with the secret"));
                }
            } catch (URISyntaxException e) {
                violations.add(new Violation("webhook.url", "is not a URL: " + e.getReason()));
            }
        }
        if (secret == null && secretKept) {
            return violations;
        }
        if (secret == null || secret.length() < SECRET_MIN || secret.length() > SECRET_MAX) {
            violations.add(new Violation("webhook.secret", "is required, " + SECRET_MIN + " to " + SECRET_MAX
                    + " characters: the receiver checks each POST's signature with it"));
        }
        return violations;
    }
}
