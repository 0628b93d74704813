package dev.mach.observability;

/**
 * A response that is not Jetty's, made inside the application (a batch's sub-response), and counts
 * its own body bytes for the access log.
 */
public interface CountedResponse {

  long bytesWritten();
}
