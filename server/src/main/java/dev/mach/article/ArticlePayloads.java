package dev.mach.article;

import java.util.List;

/** The request bodies of the article endpoints, as documented in the OpenAPI description. */
final class ArticlePayloads {

  private ArticlePayloads() {}

  record Create(Fields article) {
    record Fields(String title, String description, String body, List<String> tagList) {}
  }

  record Update(Fields article) {
    record Fields(String title, String description, String body, List<String> tagList) {}
  }
}
