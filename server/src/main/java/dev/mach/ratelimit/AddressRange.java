package dev.mach.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address, or a CIDR range of them ({@code 10.0.0.0/8}, {@code fd00::/8}). */
record AddressRange(byte[] network, int prefixBits) {

  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  static AddressRange parse(String text) {
    String value = text.strip();
    int slash = value.indexOf('/');
    byte[] bytes = literal(slash < 0 ? value : value.substring(0, slash));
    if (bytes == null) {
      throw new IllegalArgumentException(
          "Trusted proxy '" + text + "' is not an IP address or CIDR range");
    }
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
   * The bytes of the address written in {@code text}, or null when it is not an IP literal. Names
   * are never looked up: a header's content must not make Mach query DNS. IPv4, by far the common
   * case, is parsed by hand, as this runs on every request.
   */
  static byte[] literal(String text) {
    String value = text.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    byte[] v4 = ipv4(value);
    if (v4 != null || value.indexOf(':') < 0 || !IPV6.matcher(value).matches()) {
      return v4;
    }
    try {
      return InetAddress.getByName(value).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static byte[] ipv4(String value) {
    byte[] bytes = new byte[4];
    int part = 0;
    int octet = -1;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
        if (octet > 255) {
          return null;
        }
      } else if (c == '.' && octet >= 0 && part < 3) {
        bytes[part++] = (byte) octet;
        octet = -1;
      } else {
        return null;
      }
    }
    if (part != 3 || octet < 0) {
      return null;
    }
    bytes[3] = (byte) octet;
    return bytes;
  }

  boolean contains(byte[] bytes) {
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
