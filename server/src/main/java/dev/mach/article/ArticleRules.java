package dev.mach.article;

import dev.mach.error.ValidationErrors;
import dev.mach.web.Patch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** What makes an article acceptable. */
final class ArticleRules {

  static final int MAX_TITLE = 255;
  static final int MAX_DESCRIPTION = 1024;
  static final int MAX_TAG = 64;
  static final int MAX_TAGS = 32;

  private ArticleRules() {}

  /** On create a field that was not sent counts as sent blank. */
  static <T> Patch<T> required(Patch<T> value) {
    return value.isPresent() ? value : Patch.of(null);
  }

  /** A sent text field must not be blank; an absent one (a partial update) is fine. */
  static void checkText(String field, Patch<String> value, int maxLength, ValidationErrors errors) {
    if (errors.has(field)) {
      return; // already reported, for example as not a string
    }
    value.ifPresent(
        v -> {
          if (v == null || v.isBlank()) {
            errors.add(field, "can't be blank");
          } else if (maxLength > 0 && v.length() > maxLength) {
            errors.add(field, "is too long (maximum is " + maxLength + " characters)");
          }
        });
  }

  /** Tags trimmed, duplicates dropped, the author's order kept. */
  static Patch<List<String>> normalizeTags(Patch<List<String>> tags, ValidationErrors errors) {
    if (!(tags instanceof Patch.Value<List<String>> value)) {
      return tags;
    }
    var distinct = new LinkedHashSet<String>();
    for (String tag : value.value()) {
      String t = tag.strip();
      if (t.isEmpty()) {
        errors.add("tagList", "can't contain a blank tag");
      } else if (t.length() > MAX_TAG) {
        errors.add("tagList", "has a tag longer than " + MAX_TAG + " characters");
      } else {
        distinct.add(t);
      }
    }
    if (distinct.size() > MAX_TAGS) {
      errors.add("tagList", "has more than " + MAX_TAGS + " tags");
    }
    return Patch.of(new ArrayList<>(distinct));
  }
}
