package cn.reportpost.catalog;

import io.vertx.core.Future;

import java.io.StringReader;
import java.util.stream.Collectors;
import java.util.List;

/** Imports a site list: every row is checked first, and nothing is written unless all are good. */
public final class SiteImport {

  /** The file had bad rows; nothing was imported. */
  public static final class RejectedException extends RuntimeException {
    private final List<SiteCsv.RowError> errors;

    RejectedException(List<SiteCsv.RowError> errors) {
      super(errors.size() + " bad row(s); nothing was imported");
      this.errors = errors;
    }

    public List<SiteCsv.RowError> errors() {
      return errors;
    }
  }

  private final CatalogRepository repository;

  public SiteImport(CatalogRepository repository) {
    this.repository = repository;
  }

  /**
   * The number of sites written, or a failed future with {@link RejectedException}. Takes the
   * file's text, already read, so no file I/O happens on an event loop.
   */
  public Future<Integer> run(String csv) {
    return repository.cities().compose(cities -> {
      SiteCsv.Result result = SiteCsv.parse(new StringReader(csv), cities.stream().map(City::code).collect(Collectors.toSet()));
      if (!result.ok()) {
        return Future.failedFuture(new RejectedException(result.errors()));
      }
      return repository.upsertSites(result.sites());
    });
  }
}
