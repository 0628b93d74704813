package dev.mach.article;

import java.util.List;

/** A validated article to publish; {@code tagList} is normalized (trimmed, no duplicates). */
record NewArticle(String title, String description, String body, List<String> tagList) {}
