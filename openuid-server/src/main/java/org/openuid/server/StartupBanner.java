package org.openuid.server;

import org.openuid.server.config.OperatorConfig;
import org.openuid.store.Store;
import org.openuid.store.StoreLocation;

/**
 * What a node prints once it serves: on standard output, for people, after the credentials block (when there is one)
 * and in the same plain-text form; in the log (as configured), one line with the same facts. Names every listener
 * with its URL, the store and whether demo mode is on.
 */
final class StartupBanner {
    private final OperatorConfig config;
    private final String store;
    private final int buckets;
    private final String publicUrl;
    private final String adminUrl;
    private final String opsUrl;
    private final long startMs;

    StartupBanner(OperatorConfig config, Store store, int buckets, int port, int adminPort, int opsPort, long startMs) {
        this.config = config;
        this.store = StoreLocation.parse(config.store()).description();
        this.buckets = buckets;
        this.publicUrl = url(config.bindHost(), port);
        this.adminUrl = adminPort < 0 ? null : url(config.admin().bindHost(), adminPort);
        this.opsUrl = opsPort < 0 ? null : url(config.opsBindHost(), opsPort);
        this.startMs = startMs;
    }

    private static String url(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port + "/";
    }

    String text() {
        return "OpenUID " + config.identityScope() + " operator started in " + startMs + " ms\n"
                + "  public API:  " + publicUrl + "\n"
                + "  admin:       " + (adminUrl == null ? "off (admin_port -1)" : adminUrl + " (admin API and console)") + "\n"
                + "  ops:         " + (opsUrl == null ? "off (ops_port -1)" : opsUrl + "metrics (also /ops/healthcheck, /ops/ready, /ops/live)") + "\n"
                + "  demo mode:   " + (config.demoMode() ? "on (v1 API, /docs and the console's sandbox; never in production)" : "off") + "\n"
                + "  store:       " + store + " (" + buckets + " salt buckets)\n";
    }

    String logLine() {
        return "OpenUID " + config.identityScope() + " operator started in " + startMs + " ms: public API " + publicUrl
                + ", admin " + (adminUrl == null ? "off" : adminUrl) + ", ops " + (opsUrl == null ? "off" : opsUrl)
                + ", demo mode " + (config.demoMode() ? "on" : "off") + ", store " + store + ", " + buckets + " salt buckets";
    }
}
