package dev.mach.auth;

import dev.mach.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Supplies {@code @Auth Viewer} parameters from the {@code Authorization} header. */
@Component
public class ViewerArgumentResolver implements HandlerMethodArgumentResolver {

  private final TokenService tokens;

  public ViewerArgumentResolver(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.hasParameterAnnotation(Auth.class)
        && parameter.getParameterType() == Viewer.class;
  }

  @Override
  public Viewer resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest request,
      WebDataBinderFactory binderFactory) {
    boolean required = parameter.getParameterAnnotation(Auth.class).required();
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      if (required) {
        throw ApiException.tokenMissing();
      }
      return null;
    }
    // verified once per request: the rate limiter or the response cache may have done it already
    return RequestViewer.of(request.getNativeRequest(HttpServletRequest.class), tokens)
        .map(userId -> new Viewer(userId, AuthorizationHeader.tokenOf(header)))
        .orElseThrow(ApiException::tokenInvalid);
  }
}
