package dev.mach.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

  private final ClientAddress behindProxies =
      new ClientAddress(List.of("10.0.0.0/8", "192.168.1.1"));

  private static MockHttpServletRequest from(String peer, String forwardedFor) {
    var request = new MockHttpServletRequest();
    request.setRemoteAddr(peer);
    if (forwardedFor != null) {
      request.addHeader("X-Forwarded-For", forwardedFor);
    }
    return request;
  }

  @Test
  void withoutTrustedProxiesThePeerIsTheClient() {
    var direct = new ClientAddress(List.of());
    assertThat(direct.of(from("203.0.113.9", "1.1.1.1"))).isEqualTo("203.0.113.9");
  }

  @Test
  void theRightmostHopThatIsNotATrustedProxyIsTheClient() {
    assertThat(behindProxies.of(from("10.1.2.3", "6.6.6.6, 203.0.113.9, 10.9.9.9")))
        .isEqualTo("203.0.113.9");
    assertThat(behindProxies.of(from("192.168.1.1", "203.0.113.9:5555"))).isEqualTo("203.0.113.9");
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItSends() {
    assertThat(behindProxies.of(from("192.168.1.2", "203.0.113.9"))).isEqualTo("192.168.1.2");
  }

  @Test
  void anUnreadableHopStopsAtTheLastAddressAProxyVouchedFor() {
    assertThat(behindProxies.of(from("10.1.2.3", "203.0.113.9, unknown, 10.0.0.7")))
        .isEqualTo("10.0.0.7");
    assertThat(behindProxies.of(from("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
  }

  @Test
  void forwardedTakesPrecedenceAndIPv6IsKeyedByItsSlash64() {
    var request = from("10.1.2.3", "198.51.100.1");
    request.addHeader("Forwarded", "for=\"[2001:db8:aa:bb:1:2:3:4]:443\";proto=https");
    assertThat(behindProxies.of(request)).isEqualTo("2001:db8:aa:bb::/64");
  }

  @Test
  void addressesAndRangesAreParsedStrictly() {
    assertThat(AddressRange.literal("1.2.3.4")).containsExactly(1, 2, 3, 4);
    assertThat(AddressRange.literal("1.2.3.256")).isNull();
    assertThat(AddressRange.literal("1.2.3")).isNull();
    assertThat(AddressRange.literal("localhost")).isNull();
    assertThat(AddressRange.parse("10.0.0.0/8").contains(AddressRange.literal("10.255.0.1")))
        .isTrue();
    assertThat(AddressRange.parse("10.0.0.0/8").contains(AddressRange.literal("11.0.0.1")))
        .isFalse();
    assertThat(AddressRange.parse("172.16.0.0/12").contains(AddressRange.literal("172.31.9.9")))
        .isTrue();
    assertThat(AddressRange.parse("172.16.0.0/12").contains(AddressRange.literal("172.32.0.1")))
        .isFalse();
    assertThatThrownBy(() -> AddressRange.parse("proxy.internal"))
        .hasMessageContaining("not an IP address or CIDR range");
    assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).hasMessageContaining("prefix");
  }
}
