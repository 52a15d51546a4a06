package org.openuid.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.server.config.OperatorConfig;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The running-node mark of an embedded store, and the listener check that runs before a node touches its store. */
class RunningNodeTest {
    @TempDir
    Path dir;

    @Test
    void aClaimedStoreIsFoundAndCannotBeClaimedTwiceAndALeftOverFileIsIgnored() throws Exception {
        assertThat(RunningNode.find(dir)).isEmpty();
        try (RunningNode node = RunningNode.claim(dir)) {
            Path file = dir.resolve(RunningNode.FILE_NAME);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            RunningNode.Info starting = RunningNode.find(dir).orElseThrow();
            assertThat(starting.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(starting.adminUrl()).as("no admin URL before the listener runs").isNull();
            assertThat(starting.localToken()).isNull();

            node.publish("http://127.0.0.1:8081");
            RunningNode.Info running = RunningNode.find(dir).orElseThrow();
            assertThat(running.adminUrl()).isEqualTo("http://127.0.0.1:8081");
            assertThat(running.localToken()).isEqualTo(node.localToken()).startsWith("OUID-L-").hasSizeGreaterThan(40);
            var expected = org.openuid.server.http.Json.mapper().createObjectNode().put("pid", running.pid())
                    .put("admin_url", running.adminUrl()).put("local_token", running.localToken());
            assertThat(Files.readString(file)).as("the layout of Jackson's pretty printer")
                    .isEqualTo(expected.toPrettyString() + "\n");

            assertThatThrownBy(() -> RunningNode.claim(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessage(RunningNode.inUse(dir, ProcessHandle.current().pid()) + ", or give this node another store (--store)");
        }
        assertThat(dir.resolve(RunningNode.FILE_NAME)).doesNotExist();

        // left over by a node that crashed: no process holds its lock
        Files.writeString(dir.resolve(RunningNode.FILE_NAME), "{\"pid\": 1, \"admin_url\": \"http://127.0.0.1:1\", \"local_token\": \"x\"}");
        assertThat(RunningNode.find(dir)).isEmpty();
        try (RunningNode again = RunningNode.claim(dir)) {
            assertThat(RunningNode.find(dir).orElseThrow().pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void listenersAreCheckedBeforeTheStoreIsTouched() throws Exception {
        Path store = dir.resolve("store");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = busy.getLocalPort();
            OperatorConfig taken = config(store, Map.of("port", "" + port));
            assertThatThrownBy(() -> OperatorNode.start(taken, System::currentTimeMillis, System.out))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port + " for the public API")
                    .hasMessageContaining("--port, OPENUID_PORT or port");
            OperatorConfig opsTaken = config(store, Map.of("ops_port", "" + port));
            assertThatThrownBy(() -> Listeners.ensureFree(opsTaken)).hasMessageContaining("127.0.0.1:" + port + " for the ops listener")
                    .hasMessageContaining("choose another port with --ops-port, OPENUID_OPS_PORT or ops_port; -1 turns it off");
        }
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        OperatorConfig same = config(store, Map.of("port", "" + free, "admin_port", "" + free));
        assertThatThrownBy(() -> Listeners.ensureFree(same))
                .hasMessage("the public API and the admin listener are both configured on port " + free + ": give the admin listener"
                        + " another port (--admin-port, OPENUID_ADMIN_PORT or admin_port)");
        assertThat(store).as("no store created").doesNotExist();
    }

    private static OperatorConfig config(Path store, Map<String, String> extra) {
        Map<String, String> s = new java.util.HashMap<>(Map.of("store", store.toString(), "bind_host", "127.0.0.1", "port", "0",
                "admin_port", "0", "ops_port", "0", "ops_bind_host", "127.0.0.1"));
        s.putAll(extra);
        return OperatorConfig.fromSettings(s);
    }
}
