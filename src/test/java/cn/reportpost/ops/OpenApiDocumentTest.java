package cn.reportpost.ops;

import cn.reportpost.ApiRouter;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document and the router must describe the same HTTP surface. Routes registered
 * without a method (cross-cutting handlers, Swagger UI's static files) are not API operations.
 */
@ExtendWith(ReportPostExtension.class)
class OpenApiDocumentTest {

  @Test
  void documentsExactlyTheRoutesTheRouterServes(TestApp app) throws Exception {
    Router router = ApiRouter.create(app.app().services().vertx(), app.app().services().config(), app.app().modules());
    Set<String> routed = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || route.methods().isEmpty()) {
        continue;
      }
      String openApiPath = path.replaceAll(":([A-Za-z]+)", "{$1}");
      route.methods().forEach(m -> routed.add(m.name().toLowerCase() + " " + openApiPath));
    }
    Set<String> documented = new TreeSet<>();
    try (InputStream in = getClass().getResourceAsStream("/openapi.yaml")) {
      Map<String, Object> doc = new Yaml().load(in);
      assertThat(doc.get("openapi")).isEqualTo("3.1.0");
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
      paths.forEach((path, ops) -> ops.keySet().stream()
          .filter(k -> Set.of("get", "post", "put", "delete", "patch").contains(k))
          .forEach(m -> documented.add(m + " " + path)));
    }
    assertThat(routed).as("routes the document lacks").isSubsetOf(documented);
    assertThat(documented).as("documented operations the router lacks").isSubsetOf(routed);
  }

  @Test
  void servesTheDocumentAndTheReader(TestHttp http) {
    TestHttp.Response yaml = http.get("/openapi.yaml");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.body()).startsWith("openapi: 3.1.0");
    TestHttp.Response docs = http.get("/docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("swagger-ui-bundle.js");
    assertThat(http.get("/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
  }

  /** Only the jar's copies are served: files of the same names in the working directory stand in for nothing. */
  @Test
  void theDocumentAndTheReaderComeFromTheJarOnly(TestHttp http) throws Exception {
    List<Path> planted = List.of(Path.of("openapi.yaml"), Path.of("docs", "index.html"), Path.of("docs", "init.js"));
    try {
      for (Path p : planted) {
        assertThat(p).as("a file the test would overwrite").doesNotExist();
        Files.writeString(p, "planted in the working directory");
      }
      assertThat(http.get("/openapi.yaml").body()).startsWith("openapi: 3.1.0");
      assertThat(http.get("/docs").body()).contains("swagger-ui-bundle.js");
      assertThat(http.get("/docs/init.js").body()).contains("SwaggerUIBundle");
    } finally {
      for (Path p : planted) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void onlySwaggerUisOwnFilesAreServedUnderDocs(TestHttp http) {
    assertThat(http.get("/docs/swagger-ui.css").header("Content-Type")).startsWith("text/css");
    assertThat(http.get("/docs/no-such-file.js").status()).isEqualTo(404);
    assertThat(http.get("/docs/..%2F..%2Fopenapi.yaml").status()).isEqualTo(404);
  }
}
