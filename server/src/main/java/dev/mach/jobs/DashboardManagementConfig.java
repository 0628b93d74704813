package dev.mach.jobs;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Puts JobRunr's dashboard on Actuator's own port (listed in META-INF/spring for the management
 * context). Only when Actuator has a port of its own: the main port never serves it.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(DashboardManagementConfig.ManagementChildContext.class)
@ConditionalOnProperty(
    name = "mach.jobs.dashboard.enabled",
    havingValue = "true",
    matchIfMissing = true)
class DashboardManagementConfig {

  @Bean
  ServletRegistrationBean<DashboardProxy> jobRunrDashboardProxy(DashboardServer dashboard) {
    var registration =
        new ServletRegistrationBean<>(
            new DashboardProxy(dashboard), "/dashboard", "/dashboard/*", "/api/*", "/sse/*");
    registration.setAsyncSupported(true);
    return registration;
  }

  /**
   * Component scanning finds this class in the application context too, where {@code /api/*} is the
   * API: only the management context, a child of it, may use it.
   */
  static final class ManagementChildContext implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      var beans = context.getBeanFactory();
      return beans != null && beans.getParentBeanFactory() != null;
    }
  }
}
