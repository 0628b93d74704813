package dev.mach.profile;

/** A user as others see them; {@code following} is from the viewer's point of view. */
public record Profile(String username, String bio, String image, boolean following) {}
