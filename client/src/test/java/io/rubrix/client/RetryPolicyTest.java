package io.rubrix.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

/** Which failures a call is sent again after: connection failures by their type, wherever the JDK wraps them. */
class RetryPolicyTest {

    @Test
    void aConnectionRefusedLostOrTimedOutIsTriedAgain() {
        List<IOException> failures = List.of(
                new ConnectException("Connection refused"),
                caused(new ConnectException(), new ClosedChannelException()), // how HttpClient reports a refusal
                new NoRouteToHostException("No route to host"),
                new HttpConnectTimeoutException("HTTP connect timed out"),
                new HttpTimeoutException("request timed out"),
                new ClosedChannelException(),
                // how HttpClient reports a connection closed, or reset, before the answer's headers
                new IOException("HTTP/1.1 header parser received no bytes",
                        new IOException("HTTP/1.1 header parser received no bytes",
                                new EOFException("EOF reached while reading"))),
                new IOException("HTTP/1.1 header parser received no bytes", new SocketException("Connection reset")),
                new IOException("fixed content-length: 100, bytes received: 3", new EOFException("EOF reached")));

        assertThat(failures).allSatisfy(failure -> assertThat(RetryPolicy.isTransient(failure))
                .as("%s caused by %s", failure, failure.getCause()).isTrue());
    }

    @Test
    void anIOExceptionOfNoConnectionTypeIsNotTriedAgainWhateverItsMessageSays() {
        List<IOException> failures = List.of(
                new IOException("Connection reset by peer"),
                new IOException("stream closed"),
                new IOException("unexpected EOF"),
                new IOException("Broken pipe"),
                new IOException("the connection was reset", new IllegalStateException("closed")),
                new ProtocolException("Invalid status line: \"closed\""),
                new SSLHandshakeException("PKIX path building failed"));

        assertThat(failures).allSatisfy(failure -> assertThat(RetryPolicy.isTransient(failure))
                .as("%s caused by %s", failure, failure.getCause()).isFalse());
    }

    @Test
    void aCycleOfCausesIsLookedAtOnce() {
        IOException outer = new IOException("outer");
        IOException inner = new IOException("inner", outer);
        outer.initCause(inner);

        assertThat(RetryPolicy.isTransient(outer)).isFalse();
    }

    @Test
    void theAnswersTriedAgainAreTooManyRequestsAndAGatewayOrServiceInTrouble() {
        assertThat(List.of(429, 502, 503, 504)).allMatch(RetryPolicy::isTransient);
        assertThat(List.of(200, 400, 401, 403, 404, 409, 413, 422, 500)).noneMatch(RetryPolicy::isTransient);
    }

    private static IOException caused(IOException failure, Throwable cause) {
        failure.initCause(cause);
        return failure;
    }
}
