package org.openuid.store.importing;

import com.fasterxml.jackson.databind.JsonNode;
import org.openuid.core.model.Service;
import org.openuid.core.model.ServiceLink;
import org.openuid.store.Store;
import org.openuid.store.StoreData;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Services and service links of a core-format data set ({@code services/metadata.json} → {@code services.json},
 * {@code service_links/metadata.json} → {@code service_links.json}; spec keys-and-data.md §9), read by
 * {@link CoreDataImporter} and written where they differ from the store. A link's {@code roles} default to none.
 */
record ServiceData(List<Service> services, List<ServiceLink> links) {

    static ServiceData read(Path root) {
        return new ServiceData(DataSetFiles.readArray(root, "services", "services", ServiceData::service),
                DataSetFiles.readArray(root, "service_links", "service_links", ServiceData::link));
    }

    private static Service service(JsonNode n, String ctx) {
        return new Service(JsonFields.requiredInt(n, "service_id", ctx), JsonFields.requiredInt(n, "site_id", ctx),
                JsonFields.text(n, "name", ""), JsonFields.roles(n));
    }

    private static ServiceLink link(JsonNode n, String ctx) {
        String id = JsonFields.requiredText(n, "link_id", ctx);
        String c = ctx + " (" + id + ")";
        return new ServiceLink(id, JsonFields.requiredInt(n, "service_id", c), JsonFields.requiredInt(n, "site_id", c),
                JsonFields.text(n, "name", ""), JsonFields.roles(n), JsonFields.bool(n, "disabled", false));
    }

    /** Saves what differs from {@code existing}; @return how many writes were needed */
    int write(StoreData existing, Store store) {
        int writes = 0;
        Map<Integer, Service> stored = new HashMap<>();
        for (Service s : existing.services()) stored.put(s.serviceId(), s);
        Map<Integer, Service> byId = new LinkedHashMap<>();
        for (Service s : services) byId.put(s.serviceId(), s);
        for (Service s : byId.values()) {
            if (!s.equals(stored.get(s.serviceId()))) {
                store.upsertService(s);
                writes++;
            }
        }
        Map<String, ServiceLink> storedLinks = new HashMap<>();
        for (ServiceLink l : existing.serviceLinks()) storedLinks.put(l.serviceId() + "/" + l.linkId(), l);
        Map<String, ServiceLink> linksById = new LinkedHashMap<>();
        for (ServiceLink l : links) linksById.put(l.serviceId() + "/" + l.linkId(), l);
        for (Map.Entry<String, ServiceLink> e : linksById.entrySet()) {
            if (!e.getValue().equals(storedLinks.get(e.getKey()))) {
                store.upsertServiceLink(e.getValue());
                writes++;
            }
        }
        return writes;
    }
}
