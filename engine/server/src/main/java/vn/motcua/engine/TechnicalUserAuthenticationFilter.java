package vn.motcua.engine;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;

/**
 * HTTP Basic authentication of the engine REST API against the configured technical user, and the engine's
 * authenticated user for the length of each request, so that its user-operation log names who acted.
 *
 * <p>Why not the engine's own ProcessEngineAuthenticationFilter: it checks the password against the identity
 * store and loads the user's groups and tenants on every call (three queries and a salted hash per request,
 * about a third of a simple call's cost). Here the check is a constant-time comparison in memory.
 *
 * <p>The motcua api sends the officer or citizen who caused a call in {@code X-Motcua-Actor}; the engine's
 * operation log then records that account instead of the technical user. Authorisation itself is the api's
 * job (by role and org unit): the engine's authorization checks stay off.
 *
 * <p>The engine classes differ by package between the two flavours (org.operaton / org.camunda), so the few
 * engine methods used are looked up once by name.
 */
public class TechnicalUserAuthenticationFilter implements Filter {
  private static final String[] FLAVOUR_PACKAGES = {"org.operaton.bpm", "org.camunda.bpm"};
  /** the engine list answers without credentials: start-up scripts wait on it */
  private static final Pattern OPEN_PATHS = Pattern.compile("^/engine/?$");
  private static final Pattern ACTOR = Pattern.compile("^[A-Za-z0-9._@:-]{1,64}$");
  static final String ACTOR_HEADER = "X-Motcua-Actor";

  private final ApplicationContext context;
  private final String user;
  private final byte[] expected;
  private volatile Object identityService;
  private Method setAuthentication;
  private Method clearAuthentication;

  public TechnicalUserAuthenticationFilter(ApplicationContext context, String user, String password) {
    if (user == null || user.isBlank() || password == null || password.isEmpty()) {
      throw new IllegalStateException("the engine's technical user needs an id and a password (ENGINE_USER, ENGINE_PASSWORD)");
    }
    this.context = context;
    this.user = user;
    this.expected = sha256("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    String path = req.getRequestURI().substring(req.getContextPath().length() + "/engine-rest".length());
    if (OPEN_PATHS.matcher(path).matches()) {
      chain.doFilter(request, response);
      return;
    }
    String header = req.getHeader("Authorization");
    if (header == null || !MessageDigest.isEqual(sha256(header), expected)) {
      res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      res.setHeader("WWW-Authenticate", "Basic realm=\"motcua engine\"");
      return;
    }
    String actor = req.getHeader(ACTOR_HEADER);
    String acting = actor != null && ACTOR.matcher(actor).matches() ? actor : user;
    Object identity = identityService();
    invoke(setAuthentication, identity, acting, List.of(), List.of());
    try {
      chain.doFilter(request, response);
    } finally {
      invoke(clearAuthentication, identity);
    }
  }

  private Object identityService() {
    Object service = identityService;
    if (service != null) return service;
    synchronized (this) {
      if (identityService != null) return identityService;
      for (String base : FLAVOUR_PACKAGES) {
        try {
          Class<?> engineType = Class.forName(base + ".engine.ProcessEngine");
          Object engine = context.getBean(engineType);
          Object found = engineType.getMethod("getIdentityService").invoke(engine);
          Class<?> identityType = Class.forName(base + ".engine.IdentityService");
          setAuthentication = identityType.getMethod("setAuthentication", String.class, List.class, List.class);
          clearAuthentication = identityType.getMethod("clearAuthentication");
          identityService = found;
          return found;
        } catch (ClassNotFoundException notThisFlavour) {
          // try the next flavour
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot reach the engine's identity service", e);
        }
      }
      throw new IllegalStateException("no Camunda 7 API engine on the classpath");
    }
  }

  private static void invoke(Method method, Object target, Object... args) {
    try {
      method.invoke(target, args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the engine's identity service refused " + method.getName(), e);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
