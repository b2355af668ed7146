package vn.motcua.engine;

import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link EngineLookupCacheFilter} on /engine-rest/*. */
@Configuration
public class RestLookupCacheConfig {
  @Bean
  public FilterRegistrationBean<Filter> engineRestLookupCache() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new EngineLookupCacheFilter());
    registration.setName("engine-rest-lookup-cache");
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }
}
