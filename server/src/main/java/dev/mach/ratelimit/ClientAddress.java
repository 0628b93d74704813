package dev.mach.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
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
    return peer.trusted && forwarded(request)
        ? "ip:" + forwardedClient(request, peer)
        : peer.bucketKey;
  }

  /** The client's address (the access log shows it too). */
  public String of(HttpServletRequest request) {
    Peer peer = peer(request.getRemoteAddr());
    return peer.trusted && forwarded(request) ? forwardedClient(request, peer) : peer.key;
  }

  private static boolean forwarded(HttpServletRequest request) {
    return request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
  }

  private Peer peer(String address) {
    int slot = address.hashCode() & (peers.length - 1);
    Peer known = peers[slot];
    if (known != null && known.address.equals(address)) {
      return known;
    }
    byte[] bytes = AddressRange.literal(address);
    String key = keyOf(bytes, address);
    Peer fresh = new Peer(address, key, "ip:" + key, bytes != null && isTrusted(bytes), bytes);
    peers[slot] = fresh;
    return fresh;
  }

  private String forwardedClient(HttpServletRequest request, Peer peer) {
    List<String> hops = forwardedHops(request);
    byte[] client = peer.bytes;
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
    return keyOf(client, peer.address);
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
    // one lookup per header first: listing all of a header's lines costs more, and most have one
    if (request.getHeader("Forwarded") == null) {
      return xForwardedFor(request, hops);
    }
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
    return hops.isEmpty() ? xForwardedFor(request, hops) : hops;
  }

  private static List<String> xForwardedFor(HttpServletRequest request, List<String> hops) {
    if (request.getHeader("X-Forwarded-For") == null) {
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

  /** A socket peer as last seen: its client key, and whether it is a trusted proxy. */
  private record Peer(
      String address, String key, String bucketKey, boolean trusted, byte[] bytes) {}
}
