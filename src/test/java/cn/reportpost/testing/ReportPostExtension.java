package cn.reportpost.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gives a test the one running {@link TestApp} (started on first use, stopped when the run ends)
 * and fails any test during which an event loop was blocked.
 */
public final class ReportPostExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    ParameterResolver {

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent("reportpost", k -> new Closer(TestApp.get()), Closer.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    BlockedThreadWatch.reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    assertThat(BlockedThreadWatch.warnings())
        .as("Vert.x blocked-thread warnings during this test (something blocked an event loop)")
        .isEmpty();
    SecretLeaks.check(TestApp.get().sandbox());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestApp.class || type == TestHttp.class || type == Sandbox.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    TestApp app = TestApp.get();
    Class<?> type = parameter.getParameter().getType();
    return type == TestHttp.class ? app.http() : type == Sandbox.class ? app.sandbox() : app;
  }

  private record Closer(TestApp app) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      TestApp.closeAll();
    }
  }
}
