package dev.mach.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mach's own OpenAPI description, generated from the controllers at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

  /**
   * Every operation can be refused by the rate limiter or shed under load; each says so, with the
   * headers a client paces itself by.
   */
  @Bean
  OpenApiCustomizer limitResponses() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().values().stream()
          .flatMap(path -> path.readOperations().stream())
          .forEach(
              operation -> {
                ApiResponses responses = operation.getResponses();
                responses.addApiResponse("429", refusal("Over the rate limit", true));
                responses.addApiResponse("503", refusal("Server busy, retry later", false));
              });
    };
  }

  private static ApiResponse refusal(String description, boolean rateLimitHeaders) {
    var response =
        new ApiResponse()
            .description(description + " (Conduit error shape)")
            .addHeaderObject(
                "Retry-After",
                new Header()
                    .description("Seconds until a retry may succeed")
                    .schema(new IntegerSchema()));
    if (rateLimitHeaders) {
      response
          .addHeaderObject(
              "RateLimit-Limit",
              new Header()
                  .description("Capacity of the window closest to running out")
                  .schema(new IntegerSchema()))
          .addHeaderObject(
              "RateLimit-Remaining",
              new Header().description("Requests left in it").schema(new IntegerSchema()))
          .addHeaderObject(
              "RateLimit-Reset",
              new Header()
                  .description("Seconds until it is full again")
                  .schema(new IntegerSchema()));
    }
    return response;
  }

  @Bean
  OpenAPI machOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Mach: RealWorld Conduit API")
                .version("1")
                .description(
                    "The RealWorld Conduit API. Send the token from register or login as "
                        + "`Authorization: Token <jwt>` (Bearer is accepted too)."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "Token",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("Authorization")
                        .description("Token <jwt>")));
  }
}
