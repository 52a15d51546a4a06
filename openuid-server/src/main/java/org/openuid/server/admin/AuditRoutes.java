package org.openuid.server.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.server.manage.AuditLog;

import static org.openuid.server.admin.AdminRoutes.route;

/** {@code GET /admin/v1/audit?limit=&before=}: the audit log, newest first, paged by sequence (docs/admin.md). */
final class AuditRoutes {
    private AuditRoutes() {}

    static void register(Router router, AdminContext ctx) {
        route(router, HttpMethod.GET, "/admin/v1/audit", r -> {
            int limit = (int) r.queryLong("limit", 100, 1, AuditLog.MAX_PAGE);
            long before = r.queryLong("before", 0, 0, Long.MAX_VALUE);
            return AdminViews.auditPage(ctx.audit().page(before, limit));
        });
    }
}
