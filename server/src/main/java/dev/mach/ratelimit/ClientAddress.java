package dev.mach.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The client's IP address: the socket's peer, unless that peer is a trusted proxy, in which case
 * the forwarding headers are read from the right (the hop the proxy itself added) leftwards,
 * skipping trusted proxies, and the first untrusted address is the client. Addresses left of it
 * were written by the client and could be anything, so they are never believed.
 *
 * <p>IPv6 clients are keyed by their /64 network, as one host usually holds a whole /64.
 */
public final class ClientAddress {

  private final List<AddressRange> trusted;
  // recent socket peers, direct-mapped by hash: a load balancer, or a busy client, is one entry,
  // and finding it saves parsing and formatting its address on every request. Entries are
  // immutable, so a race between two requests only costs one of them the parse.
  private final Peer[] peers = new Peer[256];

  ClientAddress(List<String> trustedProxies) {
    this.trusted =
        trustedProxies.stream().filter(s -> !s.isBlank()).map(AddressRange::parse).toList();
  }

  /** The client's address, as its bucket key: {@code ip:<address>}. */
  String bucketKey(HttpServletRequest request) {
    Peer peer = peer(request.getRemoteAddr());
    String forwarded = peer.trusted ? forwardedClient(request) : null;
    return forwarded == null ? peer.bucketKey : "ip:" + forwarded;
  }

  /** The client's address (the access log shows it too). */
  public String of(HttpServletRequest request) {
    Peer peer = peer(request.getRemoteAddr());
    String forwarded = peer.trusted ? forwardedClient(request) : null;
    return forwarded == null ? peer.key : forwarded;
  }

  private Peer peer(String address) {
    int slot = address.hashCode() & (peers.length - 1);
    Peer known = peers[slot];
    if (known != null && known.address.equals(address)) {
      return known;
    }
    byte[] bytes = AddressRange.literal(address);
    String key = keyOf(bytes, address);
    Peer fresh = new Peer(address, key, "ip:" + key, bytes != null && isTrusted(bytes));
    peers[slot] = fresh;
    return fresh;
  }

  /**
   * The client a trusted peer forwards for, or null when no hop names one (no header, or only
   * unreadable or trusted hops, where the peer's own address stands).
   */
  private String forwardedClient(HttpServletRequest request) {
    String hops = null;
    if (request.getHeader("Forwarded") != null) {
      hops = forwardedFor(request);
    }
    if (hops == null) {
      hops = lines(request, "X-Forwarded-For");
    }
    return hops == null ? null : rightmostUntrusted(hops);
  }

  /**
   * Walks the comma-separated hops from the right, the hop the nearest proxy wrote, skipping
   * trusted proxies. Runs on every forwarded request, so the common single-hop header is read
   * without copying it.
   */
  private String rightmostUntrusted(String hops) {
    String client = null;
    int end = hops.length();
    while (end > 0) {
      int comma = hops.lastIndexOf(',', end - 1);
      String hop = withoutPort(hops.substring(comma + 1, end).strip());
      byte[] bytes = AddressRange.literal(hop);
      if (bytes == null) {
        // an unreadable hop: the last address a trusted proxy vouched for is the client
        break;
      }
      client = keyOf(bytes, hop);
      if (!isTrusted(bytes)) {
        break;
      }
      end = comma;
    }
    return client;
  }

  private boolean isTrusted(byte[] address) {
    for (AddressRange range : trusted) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code for} hops of RFC 7239 {@code Forwarded}, comma-separated, or null if none. */
  private static String forwardedFor(HttpServletRequest request) {
    StringJoiner hops = new StringJoiner(",");
    for (String header : Collections.list(request.getHeaders("Forwarded"))) {
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
    return hops.length() == 0 ? null : hops.toString();
  }

  /** Every line of a header joined by commas, as a proxy would have joined them; null if none. */
  private static String lines(HttpServletRequest request, String name) {
    if (request.getHeader(name) == null) {
      return null;
    }
    String joined = null;
    for (Enumeration<String> each = request.getHeaders(name); each.hasMoreElements(); ) {
      String line = each.nextElement();
      joined = joined == null ? line : joined + "," + line;
    }
    return joined;
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

  /** The key of a parsed address; {@code text} is what it was parsed from. */
  private static String keyOf(byte[] bytes, String text) {
    if (bytes == null) {
      return text;
    }
    if (bytes.length == 16) {
      var key = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        key.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)))
            .append(':');
      }
      return key.append(":/64").toString();
    }
    if (isCanonicalIpv4(text)) {
      return text;
    }
    return (bytes[0] & 0xFF)
        + "."
        + (bytes[1] & 0xFF)
        + "."
        + (bytes[2] & 0xFF)
        + "."
        + (bytes[3] & 0xFF);
  }

  /** Four decimal octets without leading zeros: the text is then the key as it stands. */
  private static boolean isCanonicalIpv4(String text) {
    int dots = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      } else if (c == '0'
          && (i == 0 || text.charAt(i - 1) == '.')
          && i + 1 < text.length()
          && text.charAt(i + 1) != '.') {
        return false;
      }
    }
    return dots == 3;
  }

  /** A socket peer as last seen: its client key, and whether it is a trusted proxy. */
  private record Peer(String address, String key, String bucketKey, boolean trusted) {}
}
