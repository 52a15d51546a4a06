package org.openuid.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code openuid admin service create|list|link-create|links|link-disable|link-enable}: services and service links
 * (spec keys-and-data.md §9), through the admin API (docs/admin.md).
 */
@Command(name = "service", mixinStandardHelpOptions = true, description = "Manage services and service links.")
final class ServiceCommands {
    static final String[] COLUMNS = {"service_id", "site_id", "name", "roles"};
    static final String[] LINK_COLUMNS = {"service_id", "link_id", "site_id", "name", "roles", "disabled"};
    private static final String ROLES = "GENERATOR, MAPPER, ID_READER, SHARER or OPTOUT (repeatable).";

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a service of a site.")
    int create(@Mixin AdminClientOptions ao,
               @Option(names = "--site", required = true) int siteId,
               @Option(names = "--name") String name,
               @Option(names = "--role", required = true, description = ROLES) List<String> roles) {
        ObjectNode body = AdminApiClient.JSON.createObjectNode().put("site_id", siteId);
        if (name != null) body.put("name", name);
        roles.forEach(body.putArray("roles")::add);
        ao.output().object(ao.client().post("/services", body));
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List services.")
    int list(@Mixin AdminClientOptions ao) {
        ao.output().list(ao.client().get("/services"), "services", COLUMNS);
        return 0;
    }

    @Command(name = "link-create", mixinStandardHelpOptions = true,
            description = "Link a service to a site; identity map requests naming the link need role MAPPER on it.")
    int linkCreate(@Mixin AdminClientOptions ao,
                   @Option(names = "--service", required = true) int serviceId,
                   @Option(names = "--link-id", required = true) String linkId,
                   @Option(names = "--site", required = true) int siteId,
                   @Option(names = "--name") String name,
                   @Option(names = "--role", required = true, description = ROLES) List<String> roles) {
        ObjectNode body = AdminApiClient.JSON.createObjectNode().put("service_id", serviceId).put("link_id", linkId)
                .put("site_id", siteId);
        if (name != null) body.put("name", name);
        roles.forEach(body.putArray("roles")::add);
        ao.output().object(ao.client().post("/service-links", body));
        return 0;
    }

    @Command(name = "links", mixinStandardHelpOptions = true, description = "List service links.")
    int links(@Mixin AdminClientOptions ao, @Option(names = "--service", description = "Only this service's links.") Integer serviceId) {
        ao.output().list(ao.client().get("/service-links" + (serviceId == null ? "" : "?service_id=" + serviceId)),
                "service_links", LINK_COLUMNS);
        return 0;
    }

    @Command(name = "link-disable", mixinStandardHelpOptions = true, description = "Disable a link: requests naming it answer 401.")
    int linkDisable(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "SERVICE_ID") int serviceId,
                    @Parameters(paramLabel = "LINK_ID") String linkId) {
        ao.output().object(ao.client().post(path(serviceId, linkId, "disable"), null));
        return 0;
    }

    @Command(name = "link-enable", mixinStandardHelpOptions = true, description = "Enable a disabled link again.")
    int linkEnable(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "SERVICE_ID") int serviceId,
                   @Parameters(paramLabel = "LINK_ID") String linkId) {
        ao.output().object(ao.client().post(path(serviceId, linkId, "enable"), null));
        return 0;
    }

    private static String path(int serviceId, String linkId, String action) {
        return "/service-links/" + serviceId + "/" + AdminApiClient.segment(linkId) + "/" + action;
    }
}
