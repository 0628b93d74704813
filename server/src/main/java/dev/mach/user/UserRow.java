package dev.mach.user;

/** A user as stored, password hash included; never leaves the user feature. */
record UserRow(
    long id, String username, String email, String passwordHash, String bio, String image) {}
