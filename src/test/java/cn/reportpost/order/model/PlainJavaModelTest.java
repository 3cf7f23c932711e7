package cn.reportpost.order.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain rules stay plain Java so any layer, and a unit test, can run them without Vert.x, a
 * database or WeChat. Reads the sources: the project has no ArchUnit, and imports are the point.
 */
class PlainJavaModelTest {

  private static final List<String> ALLOWED = List.of("java.", "javax.crypto.",
      "cn.reportpost.order.model.", "cn.reportpost.api.");

  @Test
  void modelAndPrivacyImportOnlyTheJdkAndTheNeutralApiPackage() throws IOException {
    for (String dir : List.of("cn/reportpost/order/model", "cn/reportpost/privacy")) {
      Path root = Path.of("src/main/java").resolve(dir);
      assertThat(root).isDirectory();
      try (Stream<Path> files = Files.list(root)) {
        for (Path file : files.toList()) {
          for (String line : Files.readAllLines(file)) {
            if (line.startsWith("import ")) {
              String name = line.replaceFirst("^import (static )?", "");
              assertThat(ALLOWED).as(file + ": " + line).anyMatch(name::startsWith);
            }
          }
        }
      }
    }
  }
}
