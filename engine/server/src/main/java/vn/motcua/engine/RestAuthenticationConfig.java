package vn.motcua.engine;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link TechnicalUserAuthenticationFilter} on /engine-rest/*: the REST API is open until a filter
 * guards it. Only motcua's own api and workers call the engine, all as one technical user.
 */
@Configuration
public class RestAuthenticationConfig {
  /** the password of a development machine (application.yaml's default), refused in production */
  static final String DEVELOPMENT_PASSWORD = "motcua-dev-password";

  @Bean
  public FilterRegistrationBean<Filter> engineRestAuthentication(
      ApplicationContext context,
      @Value("${motcua.engine.admin-user.id}") String user,
      @Value("${motcua.engine.admin-user.password}") String password,
      @Value("${NODE_ENV:development}") String environment) {
    if ("production".equals(environment) && DEVELOPMENT_PASSWORD.equals(password)) {
      throw new IllegalStateException("refusing to start in production (NODE_ENV=production) with the development password: set ENGINE_PASSWORD to a secret of your own");
    }
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new TechnicalUserAuthenticationFilter(context, user, password));
    registration.setName("engine-rest-basic-auth");
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }
}
