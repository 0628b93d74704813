package dev.mach.support;

/** A user registered by a test, with the password and token it got. */
public record TestUser(String username, String email, String password, String token) {}
