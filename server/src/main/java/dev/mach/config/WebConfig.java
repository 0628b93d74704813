package dev.mach.config;

import dev.mach.auth.ViewerArgumentResolver;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
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

  /**
   * The public Conduit front ends are served from their own origin and call Mach from there. CORS
   * is a servlet filter, not a Spring MVC mapping, so that it also covers the responses the
   * response cache answers before Spring MVC is reached.
   */
  @Bean
  FilterRegistrationBean<SameOriginFastCorsFilter> corsFilter() {
    var cors = new CorsConfiguration();
    properties.http().corsOrigins().forEach(cors::addAllowedOriginPattern);
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(
        List.of(
            HttpHeaders.AUTHORIZATION,
            HttpHeaders.CONTENT_TYPE,
            "X-Requested-With",
            "X-Request-Id"));
    // a front end can show the id of a failed request, which finds its access log line
    cors.setExposedHeaders(List.of("X-Request-Id"));
    cors.setMaxAge(3600L);
    var source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", cors);
    var registration = new FilterRegistrationBean<>(new SameOriginFastCorsFilter(source));
    registration.setOrder(FilterOrder.CORS);
    return registration;
  }
}
