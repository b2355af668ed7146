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

  @Bean
  public FilterRegistrationBean<Filter> engineRestAuthentication(
      ApplicationContext context,
      @Value("${motcua.engine.admin-user.id}") String user,
      @Value("${motcua.engine.admin-user.password}") String password) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new TechnicalUserAuthenticationFilter(context, user, password));
    registration.setName("engine-rest-basic-auth");
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }
}
