package dev.mach.auth;

/** The authenticated caller of a request, taken from a verified token. */
public record Viewer(long userId) {}
