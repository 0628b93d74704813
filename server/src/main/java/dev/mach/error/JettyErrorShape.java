package dev.mach.error;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests Jetty rejects before they reach the application (a malformed URI, headers over the
 * limit) get the Conduit error shape too, instead of Jetty's HTML error page.
 */
@Component
class JettyErrorShape implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

  @Override
  public void customize(JettyServletWebServerFactory factory) {
    factory.addServerCustomizers(server -> server.setErrorHandler(new JsonErrorHandler()));
  }

  static final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback)
        throws IOException {
      String field = code == 404 ? "path" : "request";
      String text =
          switch (code) {
            case 400 -> "is malformed";
            case 404 -> "not found";
            case 413 -> "is too large";
            case 414 -> "has a URI that is too long";
            case 431 -> "has headers that are too large";
            default -> {
              HttpStatus status = HttpStatus.resolve(code);
              yield status == null ? "failed" : status.getReasonPhrase().toLowerCase();
            }
          };
      byte[] body =
          ("{\"errors\":{\"" + field + "\":[\"" + text + "\"]}}").getBytes(StandardCharsets.UTF_8);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
