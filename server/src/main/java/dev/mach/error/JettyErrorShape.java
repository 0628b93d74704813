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
      // Jetty's own error path has no JSON mapper; the messages are fixed ASCII text
      var error = ErrorBody.forStatus(code).errors().entrySet().iterator().next();
      byte[] body =
          ("{\"errors\":{\"" + error.getKey() + "\":[\"" + error.getValue().getFirst() + "\"]}}")
              .getBytes(StandardCharsets.UTF_8);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
