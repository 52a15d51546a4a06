package org.openuid.bench.load;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openuid.server.OperatorNode;
import org.openuid.server.config.OperatorConfig;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario of the load driver against a real operator: its setup check passes (one request decrypted end to
 * end) and every request of its pool is answered 200. A correctness test of the driver's requests, not a benchmark.
 */
class ScenariosTest {
    static List<String> scenarios() {
        return Scenarios.ALL;
    }

    @TempDir
    static Path dir;
    static OperatorNode node;
    static Setup setup;
    static BlockingHttp connection;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> s = new HashMap<>();
        s.put("store", dir.resolve("store").toString());
        s.put("port", "0");
        s.put("ops_port", "-1");
        s.put("admin_port", "-1");
        s.put("bind_host", "127.0.0.1");
        s.put("salt_bucket_count", "1024");
        s.put("key_rotation_enabled", "false");
        s.put("salt_rotation_enabled", "false");
        s.put("cstg_rate_limit_per_ip_per_second", "0");
        s.put("cstg_rate_limit_per_site_per_second", "0");
        node = OperatorNode.start(OperatorConfig.fromSettings(s), System::currentTimeMillis,
                new PrintStream(new ByteArrayOutputStream()));
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", node.port());
        connection = new BlockingHttp(address);
        setup = new Setup(Credentials.read(dir.resolve("store").resolve("demo-credentials.json")),
                new HttpRequests("127.0.0.1:" + node.port()), connection);
    }

    @AfterAll
    static void stop() {
        if (connection != null) connection.close();
        if (node != null) node.close();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyRequestOfThePoolIsAnswered200(String name) throws Exception {
        Scenario scenario = Scenarios.create(name);
        scenario.prepare(setup);
        scenario.rebuild(System.currentTimeMillis());
        Supplier<ByteBuffer> requests = scenario.requests();
        ByteBuffer first = requests.get();
        int checked = 0;
        for (ByteBuffer b = first; checked == 0 || !sameContent(b, first); b = requests.get()) {
            byte[] request = new byte[b.remaining()];
            b.get(request);
            assertThat(connection.send(request).status()).as("%s request %d", name, checked).isEqualTo(200);
            if (++checked >= 40) break;
        }
        assertThat(checked).isPositive();
    }

    private static boolean sameContent(ByteBuffer a, ByteBuffer b) {
        return a.duplicate().rewind().equals(b.duplicate().rewind());
    }
}
