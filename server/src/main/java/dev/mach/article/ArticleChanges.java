package dev.mach.article;

import dev.mach.web.Patch;
import java.util.List;

/** A partial update of an article: absent fields keep their stored value. */
record ArticleChanges(
    Patch<String> title,
    Patch<String> description,
    Patch<String> body,
    Patch<List<String>> tagList) {}
