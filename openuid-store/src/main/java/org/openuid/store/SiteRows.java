package org.openuid.store;

import org.openuid.core.model.Site;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.openuid.store.Jdbc.first;
import static org.openuid.store.Jdbc.maxOf;
import static org.openuid.store.Jdbc.nonNull;
import static org.openuid.store.Jdbc.query;

/** The {@code sites} table, and the next free site id. */
final class SiteRows {

    private static final List<String> SITE_COLUMNS = List.of("name", "enabled", "domain_names", "app_names", "created");

    private final Jdbc jdbc;

    SiteRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void upsert(Site site) {
        jdbc.write("save site " + site.id(), (c, v) -> Jdbc.upsert(c, "sites", "site_id", SITE_COLUMNS, ps -> {
            ps.setString(1, nonNull(site.name()));
            ps.setBoolean(2, site.enabled());
            ps.setString(3, Columns.strings(site.domainNames()));
            ps.setString(4, Columns.strings(site.appNames()));
            ps.setLong(5, site.created());
            ps.setInt(6, site.id());
        }));
    }

    Optional<Site> site(int siteId) {
        return jdbc.read("read site " + siteId, c -> first(query(c, "SELECT site_id, name, enabled, domain_names, app_names,"
                + " created FROM sites WHERE site_id = ?", ps -> ps.setInt(1, siteId), SiteRows::site)));
    }

    static List<Site> all(Connection c) throws SQLException {
        return query(c, "SELECT site_id, name, enabled, domain_names, app_names, created FROM sites ORDER BY site_id",
                null, SiteRows::site);
    }

    private static Site site(ResultSet rs) throws SQLException {
        return new Site(rs.getInt(1), rs.getString(2), rs.getBoolean(3), Columns.strings(rs.getString(4)),
                Columns.strings(rs.getString(5)), rs.getLong(6));
    }

    /** Greater than every site id in use (sites, client keys, keysets, keypairs) and at least 100. */
    int nextSiteId() {
        return jdbc.read("compute the next site id", c -> Math.max(100, 1 + maxOf(c,
                "SELECT MAX(m) FROM (SELECT MAX(site_id) AS m FROM sites"
                        + " UNION ALL SELECT MAX(site_id) AS m FROM client_keys"
                        + " UNION ALL SELECT MAX(site_id) AS m FROM keysets"
                        + " UNION ALL SELECT MAX(site_id) AS m FROM client_side_keypairs) ids")));
    }
}
