package vn.motcua.engine;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's REST API looks its process engine up anew for every request: each REST resource's constructor
 * calls {@code EngineUtil.lookupProcessEngine}, which runs {@code java.util.ServiceLoader} over the thread's
 * context class loader, and that reads the provider's service file out of the nested jar each time. Profiled
 * under motcua's bench, that lookup was about 7 % of the engine's CPU.
 *
 * <p>While a request runs, this filter puts a class loader in front of the thread's context class loader that
 * answers for that one service file (the REST API's {@code ProcessEngineProvider}, in either flavour's package)
 * from memory, read once through the original loader; every other class and resource comes from the original
 * loader, untouched. The provider found, and so the engine, are the same as without the filter.
 */
public class EngineLookupCacheFilter implements Filter {
  /** the REST API's engine provider, in each flavour's package */
  static final List<String> PROVIDER_FILES = List.of(
      "META-INF/services/org.operaton.bpm.engine.rest.spi.ProcessEngineProvider",
      "META-INF/services/org.camunda.bpm.engine.rest.spi.ProcessEngineProvider");

  private final ConcurrentHashMap<ClassLoader, ServiceFileCache> loaders = new ConcurrentHashMap<>();

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    if (original == null || original instanceof ServiceFileCache) {
      chain.doFilter(request, response);
      return;
    }
    thread.setContextClassLoader(loaders.computeIfAbsent(original, ServiceFileCache::new));
    try {
      chain.doFilter(request, response);
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  /** A class loader that delegates everything to its parent but the provider's service file, kept in memory. */
  static final class ServiceFileCache extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final ConcurrentHashMap<String, List<URL>> files = new ConcurrentHashMap<>();

    ServiceFileCache(ClassLoader parent) {
      super("motcua-service-file-cache", parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (!PROVIDER_FILES.contains(name)) return super.getResources(name);
      List<URL> urls = files.get(name);
      if (urls == null) {
        urls = read(name);
        files.putIfAbsent(name, urls);
      }
      return Collections.enumeration(urls);
    }

    private List<URL> read(String name) throws IOException {
      List<URL> urls = new ArrayList<>();
      Enumeration<URL> found = getParent().getResources(name);
      for (int i = 0; found.hasMoreElements(); i++) {
        byte[] bytes;
        try (InputStream in = found.nextElement().openStream()) {
          bytes = in.readAllBytes();
        }
        urls.add(inMemory(name + "#" + i, bytes));
      }
      return List.copyOf(urls);
    }

    @SuppressWarnings("deprecation") // URL(URL, String, URLStreamHandler): the way to give a URL its own handler on JDK 17
    private static URL inMemory(String name, byte[] bytes) throws MalformedURLException {
      return new URL(null, "motcua-memory:" + name, new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) {
          return new URLConnection(url) {
            @Override
            public void connect() {}

            @Override
            public InputStream getInputStream() {
              return new ByteArrayInputStream(bytes);
            }
          };
        }
      });
    }
  }
}
