package io.rubrix.common.elasticsearch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A caller-provided value (a record, job or snapshot id) as one segment of an Elasticsearch request path: every
 * character that could end the segment, start a query or name several indices ({@code / ? # , *}) is encoded,
 * and so are the dots of {@code .} and {@code ..}, so the value can never reach another index or endpoint.
 */
public final class PathSegment {

    private PathSegment() {
    }

    public static String encode(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }
}
