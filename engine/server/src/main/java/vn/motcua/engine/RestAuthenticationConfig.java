package vn.motcua.engine;

import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic authentication on /engine-rest/*: the REST API is open until this filter is registered.
 * Users are checked against the engine's identity service (the technical user comes from
 * the admin-user properties). The filter ships with the engine's rest-core jar under the flavour's
 * package, so it is looked up by name: the same class serves the Operaton and the Camunda build.
 */
@Configuration
public class RestAuthenticationConfig {
  private static final String[] FLAVOUR_PACKAGES = {"org.operaton.bpm", "org.camunda.bpm"};
  private static final String FILTER = ".engine.rest.security.auth.ProcessEngineAuthenticationFilter";
  private static final String BASIC_PROVIDER = ".engine.rest.security.auth.impl.HttpBasicAuthenticationProvider";

  @Bean
  public FilterRegistrationBean<Filter> engineRestAuthentication() throws ReflectiveOperationException {
    String base = flavourPackage();
    Filter filter = (Filter) Class.forName(base + FILTER).getDeclaredConstructor().newInstance();
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("engine-rest-basic-auth");
    registration.addInitParameter("authentication-provider", base + BASIC_PROVIDER);
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  private static String flavourPackage() {
    for (String candidate : FLAVOUR_PACKAGES) {
      try {
        Class.forName(candidate + FILTER);
        return candidate;
      } catch (ClassNotFoundException notThisFlavour) {
        // try the next flavour
      }
    }
    throw new IllegalStateException("no Camunda 7 API engine REST module on the classpath");
  }
}
