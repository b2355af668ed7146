package vn.motcua.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The motcua BPMN engine: a Camunda 7 API engine (Operaton or Camunda 7.24 CE, chosen at build time) with its
 * REST API at /engine-rest. All behaviour comes from the starters and application.yaml; this class only boots.
 */
@SpringBootApplication
public class EngineApplication {
  public static void main(String[] args) {
    SpringApplication.run(EngineApplication.class, args);
  }
}
