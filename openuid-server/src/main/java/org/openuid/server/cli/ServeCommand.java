package org.openuid.server.cli;

import org.openuid.server.OperatorNode;
import org.openuid.server.config.OperatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code openuid serve}: starts the operator; on an empty store it first bootstraps itself and prints demo credentials. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the operator.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--port", description = "HTTP port of the public API (default 8080).")
    Integer port;

    @Option(names = "--bind", description = "Address to listen on (default 0.0.0.0).")
    String bind;

    @Option(names = "--admin-port", description = "Port of the admin API and console (default 8081 on 127.0.0.1; -1 turns it off).")
    Integer adminPort;

    @Option(names = "--ops-port", description = "Port of the ops listener: metrics and health (default 9080; -1 turns it off).")
    Integer opsPort;

    @Option(names = "--salt-buckets", description = "Number of salt buckets created on first start (default 1048576).")
    Integer saltBuckets;

    @Option(names = "--demo", description = "Demo mode: also serves the deprecated v1 API and the integrator pages.")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        if (port != null) flags.put("port", port.toString());
        if (bind != null) flags.put("bind_host", bind);
        if (adminPort != null) flags.put("admin_port", adminPort.toString());
        if (opsPort != null) flags.put("ops_port", opsPort.toString());
        if (demo) flags.put("demo_mode", "true");
        if (saltBuckets != null) flags.put("salt_bucket_count", saltBuckets.toString());
        OperatorConfig config = storeOptions.config(flags);
        OperatorNode node = OperatorNode.start(config, System::currentTimeMillis, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.shutdown(config.shutdownUnreadyMillis());
            stopped.countDown();
        }, "openuid-shutdown"));
        stopped.await();
        return 0;
    }
}
