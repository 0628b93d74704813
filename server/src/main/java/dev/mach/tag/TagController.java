package dev.mach.tag;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tags")
class TagController {

  private final TagService tags;

  TagController(TagService tags) {
    this.tags = tags;
  }

  @GetMapping("/api/tags")
  @Operation(
      summary = "Tags in use, most used lately first",
      description =
          "Ordered by uses over mach.tags.popularity-window as of the last scheduled refresh;"
              + " tags the ranking does not know yet (a new one) follow, by all-time use.")
  TagList tags(
      @Parameter(description = "Mach extension: only the first K tags (1 to mach.tags.max-top)")
          @RequestParam(required = false)
          String top) {
    return new TagList(tags.tagsInUse(top));
  }

  record TagList(List<String> tags) {}
}
