package dev.mach.batch;

import java.util.Map;

/**
 * One sub-request as the caller sent it, checked and ready to run.
 *
 * @param index its place in the batch, from 0
 * @param rawPath the path as sent, still percent-encoded (what {@code getRequestURI} returns)
 * @param path the same path decoded (what servlet path matching sees)
 * @param query the query string as sent, or null
 * @param headers the caller's headers for it, names as sent
 * @param body its JSON body as bytes, or null when it has none
 */
record BatchItem(
    int index,
    String method,
    String rawPath,
    String path,
    String query,
    Map<String, String> headers,
    byte[] body) {}
