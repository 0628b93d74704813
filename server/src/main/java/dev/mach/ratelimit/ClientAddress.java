package dev.mach.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The client's IP address: the socket's peer, unless that peer is a trusted proxy, in which case
 * the forwarding headers are read from the right (the hop the proxy itself added) leftwards,
 * skipping trusted proxies, and the first untrusted address is the client. Addresses left of it
 * were written by the client and could be anything, so they are never believed.
 *
 * <p>IPv6 clients are keyed by their /64 network, as one host usually holds a whole /64.
 */
final class ClientAddress {

  private final List<AddressRange> trusted;

  ClientAddress(List<String> trustedProxies) {
    this.trusted =
        trustedProxies.stream().filter(s -> !s.isBlank()).map(AddressRange::parse).toList();
  }

  String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (trusted.isEmpty()) {
      return peer.indexOf(':') < 0 ? peer : keyOf(AddressRange.literal(peer), peer);
    }
    byte[] address = AddressRange.literal(peer);
    if (address == null || !isTrusted(address)) {
      return keyOf(address, peer);
    }
    List<String> hops = forwardedHops(request);
    byte[] client = address;
    for (int i = hops.size() - 1; i >= 0; i--) {
      byte[] hop = AddressRange.literal(hops.get(i));
      if (hop == null) {
        // an unreadable hop: the last address a trusted proxy vouched for is the client
        break;
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    return keyOf(client, peer);
  }

  private boolean isTrusted(byte[] address) {
    for (AddressRange range : trusted) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** Hops of {@code Forwarded} (RFC 7239) when present, else of {@code X-Forwarded-For}. */
  private static List<String> forwardedHops(HttpServletRequest request) {
    List<String> hops = new ArrayList<>();
    Enumeration<String> forwarded = request.getHeaders("Forwarded");
    for (String header : Collections.list(forwarded)) {
      for (String element : header.split(",")) {
        for (String pair : element.split(";")) {
          String[] nameValue = pair.strip().split("=", 2);
          if (nameValue.length == 2
              && nameValue[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
            hops.add(withoutPort(nameValue[1].strip().replace("\"", "")));
          }
        }
      }
    }
    if (!hops.isEmpty()) {
      return hops;
    }
    for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
      for (String hop : header.split(",")) {
        hops.add(withoutPort(hop.strip()));
      }
    }
    return hops;
  }

  private static String withoutPort(String hop) {
    if (hop.startsWith("[")) {
      int close = hop.indexOf(']');
      return close < 0 ? hop : hop.substring(0, close + 1);
    }
    int colon = hop.indexOf(':');
    // one colon is IPv4 with a port; more is a bare IPv6 address
    return colon >= 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
  }

  private static String keyOf(byte[] bytes, String fallback) {
    if (bytes == null) {
      return fallback;
    }
    if (bytes.length == 16) {
      var key = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        key.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)))
            .append(':');
      }
      return key.append(":/64").toString();
    }
    return (bytes[0] & 0xFF)
        + "."
        + (bytes[1] & 0xFF)
        + "."
        + (bytes[2] & 0xFF)
        + "."
        + (bytes[3] & 0xFF);
  }
}
