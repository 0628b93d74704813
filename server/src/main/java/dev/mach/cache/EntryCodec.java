package dev.mach.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A cached response as bytes for the shared tier. Expiry travels as wall-clock time, since each
 * instance has its own {@link System#nanoTime()} origin.
 */
final class EntryCodec {

  private static final byte FORMAT = 1;

  private EntryCodec() {}

  static byte[] encode(CachedResponse entry) {
    var bytes = new ByteArrayOutputStream(entry.weight() + 64);
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(entry.snapshot());
      out.writeLong(
          System.currentTimeMillis() + (entry.expiresAtNanos() - System.nanoTime()) / 1_000_000);
      out.writeUTF(entry.etag());
      writeBytes(out, entry.body());
      writeBytes(out, entry.gzipped());
      out.writeInt(entry.dependencies().length);
      for (String dependency : entry.dependencies()) {
        out.writeUTF(dependency);
      }
      ViewerFlag[] flags = entry.flags();
      out.writeInt(flags == null ? -1 : flags.length);
      for (int i = 0; flags != null && i < flags.length; i++) {
        out.writeByte(flags[i].kind().ordinal());
        out.writeLong(flags[i].id());
        out.writeInt(entry.flagOffsets()[i]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** The entry, or null when the bytes are of another format (written by another Mach version). */
  static CachedResponse decode(byte[] bytes) {
    try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        return null;
      }
      long snapshot = in.readLong();
      long expiresAtMillis = in.readLong();
      String etag = in.readUTF();
      byte[] body = readBytes(in);
      byte[] gzipped = readBytes(in);
      String[] dependencies = new String[in.readInt()];
      for (int i = 0; i < dependencies.length; i++) {
        dependencies[i] = in.readUTF();
      }
      int flagCount = in.readInt();
      ViewerFlag[] flags = flagCount < 0 ? null : new ViewerFlag[flagCount];
      int[] offsets = flagCount < 0 ? null : new int[flagCount];
      for (int i = 0; i < flagCount; i++) {
        flags[i] = new ViewerFlag(ViewerFlag.Kind.values()[in.readByte()], in.readLong());
        offsets[i] = in.readInt();
      }
      long expiresAtNanos =
          System.nanoTime() + (expiresAtMillis - System.currentTimeMillis()) * 1_000_000;
      return new CachedResponse(
          body, gzipped, etag, snapshot, dependencies, flags, offsets, expiresAtNanos);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes == null ? -1 : bytes.length);
    if (bytes != null) {
      out.write(bytes);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    return length < 0 ? null : in.readNBytes(length);
  }
}
