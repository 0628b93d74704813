package dev.mach.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address, or a CIDR range of them ({@code 10.0.0.0/8}, {@code fd00::/8}). */
record AddressRange(byte[] network, int prefixBits) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  static AddressRange parse(String text) {
    String value = text.strip();
    int slash = value.indexOf('/');
    InetAddress address = literal(slash < 0 ? value : value.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException(
          "Trusted proxy '" + text + "' is not an IP address or CIDR range");
    }
    byte[] bytes = address.getAddress();
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(value.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > bytes.length * 8) {
        throw new IllegalArgumentException("Trusted proxy '" + text + "' has a bad prefix length");
      }
    }
    return new AddressRange(bytes, bits);
  }

  /**
   * The address written in {@code text}, or null when it is not an IP literal. Names are never
   * looked up: a header's content must not make Mach query DNS.
   */
  static InetAddress literal(String text) {
    String value = text.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    if (!IPV4.matcher(value).matches() && !IPV6.matcher(value).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (bytes[full] & mask) == (network[full] & mask);
  }
}
