package dev.mach.tag;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tags")
class TagController {

  private final TagService tags;

  TagController(TagService tags) {
    this.tags = tags;
  }

  @GetMapping("/api/tags")
  @Operation(summary = "Tags in use, most used first")
  TagList tags() {
    return new TagList(tags.tagsInUse());
  }

  record TagList(List<String> tags) {}
}
