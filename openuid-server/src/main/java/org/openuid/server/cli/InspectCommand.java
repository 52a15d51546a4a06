package org.openuid.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code openuid admin inspect TOKEN}: decodes an advertising or refresh token with the operator's keys through the
 * admin API's token inspector (docs/admin.md). {@code --reveal} adds the raw UID or first-level hash (audited).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Decode an advertising or refresh token.")
final class InspectCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    AdminClientOptions ao;

    @Parameters(paramLabel = "TOKEN", description = "Advertising token, or refresh token (388-character wrapper or bare).")
    String token;

    @Option(names = "--type", defaultValue = "auto", description = "auto, advertising or refresh (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--reveal", description = "Also show the raw UID (advertising) or first-level hash (refresh); audited.")
    boolean reveal;

    @Override
    public Integer call() {
        ObjectNode body = AdminApiClient.JSON.createObjectNode().put("token", token).put("type", type).put("reveal", reveal);
        ao.output().object(ao.client().post("/inspect", body));
        return 0;
    }
}
