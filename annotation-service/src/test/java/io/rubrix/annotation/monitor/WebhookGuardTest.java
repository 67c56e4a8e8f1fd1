package io.rubrix.annotation.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class WebhookGuardTest {

    @Test
    void loopbackPrivateLinkLocalAndSharedAddressesAreLocal() throws Exception {
        for (String local : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1"}) {
            assertThat(WebhookGuard.local(InetAddress.getByName(local))).as(local).isTrue();
        }
        for (String outside : new String[] {"8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888"}) {
            assertThat(WebhookGuard.local(InetAddress.getByName(outside))).as(outside).isFalse();
        }
    }

    @Test
    void aNameIsJudgedByWhereItResolves() {
        assertThat(WebhookGuard.refusalOf("http://localhost:9200/")).hasValueSatisfying(reason ->
                assertThat(reason).contains("localhost is on the local network"));
        assertThat(WebhookGuard.refusalOf("https://no-such-host.invalid/hook")).isEmpty();
    }
}
