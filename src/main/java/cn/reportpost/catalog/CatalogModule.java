package cn.reportpost.catalog;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.Module;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgConnectOptions;

/** Cities and sites: the cached catalog, its public routes and the admin's site pages. */
public final class CatalogModule implements Module {

  private final Catalog catalog;
  private final PgConnectOptions changes;
  private final StaffAuth auth;
  private final AuditLog audit;

  /** {@code changes}: where to LISTEN for catalog changes made by any instance. */
  public CatalogModule(Catalog catalog, PgConnectOptions changes, StaffAuth auth, AuditLog audit) {
    this.catalog = catalog;
    this.changes = changes;
    this.auth = auth;
    this.audit = audit;
  }

  public Catalog catalog() {
    return catalog;
  }

  @Override
  public void mount(Router router) {
    new CatalogRoutes(catalog).mount(router);
    new AdminSiteRoutes(catalog.repository(), catalog, auth, audit).mount(router);
  }

  @Override
  public Future<Void> start() {
    return catalog.listen(changes);
  }

  @Override
  public Future<Void> stop() {
    return catalog.close();
  }
}
