package org.openuid.store;

import org.openuid.core.model.Service;
import org.openuid.core.model.ServiceLink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static org.openuid.store.Jdbc.nonNull;
import static org.openuid.store.Jdbc.query;

/** The {@code services} and {@code service_links} tables. */
final class ServiceRows {

    private final Jdbc jdbc;

    ServiceRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void upsertService(Service service) {
        jdbc.write("save service " + service.serviceId(), (c, v) ->
                Jdbc.upsert(c, "services", "service_id", List.of("site_id", "name", "roles"), ps -> {
                    ps.setInt(1, service.siteId());
                    ps.setString(2, nonNull(service.name()));
                    ps.setString(3, Columns.roles(service.roles()));
                    ps.setInt(4, service.serviceId());
                }));
    }

    void upsertServiceLink(ServiceLink link) {
        jdbc.write("save service link " + link.linkId(), (c, v) -> {
            Jdbc.Binder binder = ps -> {
                ps.setInt(1, link.siteId());
                ps.setString(2, nonNull(link.name()));
                ps.setString(3, Columns.roles(link.roles()));
                ps.setBoolean(4, link.disabled());
                ps.setInt(5, link.serviceId());
                ps.setString(6, link.linkId());
            };
            try (PreparedStatement ps = c.prepareStatement("UPDATE service_links SET site_id = ?, name = ?, roles = ?,"
                    + " disabled = ? WHERE service_id = ? AND link_id = ?")) {
                binder.bind(ps);
                if (ps.executeUpdate() > 0) return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_links (site_id, name, roles, disabled,"
                    + " service_id, link_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                binder.bind(ps);
                ps.executeUpdate();
            }
        });
    }

    static List<Service> services(Connection c) throws SQLException {
        return query(c, "SELECT service_id, site_id, name, roles FROM services ORDER BY service_id",
                null, rs -> new Service(rs.getInt(1), rs.getInt(2), rs.getString(3), Columns.roles(rs.getString(4))));
    }

    static List<ServiceLink> links(Connection c) throws SQLException {
        return query(c, "SELECT link_id, service_id, site_id, name, roles, disabled FROM service_links"
                + " ORDER BY service_id, link_id", null, rs -> new ServiceLink(rs.getString(1), rs.getInt(2), rs.getInt(3),
                rs.getString(4), Columns.roles(rs.getString(5)), rs.getBoolean(6)));
    }
}
