package dev.mach.auth;

/** The authenticated caller of a request, and the verified token it presented. */
public record Viewer(long userId, String token) {}
