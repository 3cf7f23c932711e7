package cn.reportpost.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a folder on the classpath, whether the classes sit in a directory (tests, dev mode)
 * or in the jar, so a folder of page assets is served as it is instead of through a hand-kept list.
 */
public final class ClasspathFolder {

  private ClasspathFolder() {
  }

  /** Every file under {@code folder} (e.g. "console/assets"), as paths relative to it with '/', sorted. */
  public static List<String> files(String folder) {
    Path dir = directory(folder);
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code folder} exists on the classpath. */
  public static boolean exists(String folder) {
    return ClasspathFolder.class.getClassLoader().getResource(folder) != null;
  }

  private static Path directory(String folder) {
    URL url = ClasspathFolder.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException("missing on the classpath: " + folder);
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return Path.of(uri);
      }
      FileSystem jar;
      try {
        jar = FileSystems.newFileSystem(uri, Map.of());
      } catch (FileSystemAlreadyExistsException e) {
        jar = FileSystems.getFileSystem(uri);
      }
      return jar.getPath(folder);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
