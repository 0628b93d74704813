package dev.mach.config;

import dev.mach.auth.ViewerArgumentResolver;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {

  private final ViewerArgumentResolver viewerResolver;
  private final MachProperties properties;

  public WebConfig(ViewerArgumentResolver viewerResolver, MachProperties properties) {
    this.viewerResolver = viewerResolver;
    this.properties = properties;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(viewerResolver);
  }

  /** The public Conduit front ends are served from their own origin and call Mach from there. */
  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry
        .addMapping("/api/**")
        .allowedOriginPatterns(properties.http().corsOrigins().toArray(String[]::new))
        .allowedMethods("GET", "POST", "PUT", "DELETE", "OPTIONS")
        .allowedHeaders(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "X-Requested-With")
        .maxAge(3600);
  }
}
