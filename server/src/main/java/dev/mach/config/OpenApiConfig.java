package dev.mach.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mach's own OpenAPI description, generated from the controllers at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

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
