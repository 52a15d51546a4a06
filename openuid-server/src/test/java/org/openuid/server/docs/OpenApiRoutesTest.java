package org.openuid.server.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.server.api.ApiRouter;
import org.openuid.server.api.OpsRouter;
import org.openuid.server.config.OperatorConfig;
import org.openuid.server.http.Operator;
import org.openuid.server.it.TestOperator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description ({@code /openapi.json}) and the routers agree: every route of the public router
 * ({@link ApiRouter}) and of the ops listener ({@link OpsRouter}) is an operation of the description on that listener,
 * and every operation is a route, in demo mode (all conditional routes on) and with every optional route turned off.
 */
class OpenApiRoutesTest {
    static TestOperator node;
    static Vertx vertx;
    static OpenApiDescription description;

    @BeforeAll
    static void start() throws Exception {
        node = TestOperator.bootstrapped(Map.of("demo_mode", "true"), System::currentTimeMillis);
        vertx = Vertx.vertx();
        description = OpenApiDescription.load();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get();
        if (node != null) node.close();
    }

    /** "METHOD path" of every route with a path; a route with a path but no method is listed as "* path". */
    static Set<String> routes(Router router) {
        Set<String> out = new TreeSet<>();
        for (Route r : router.getRoutes()) {
            if (r.getPath() == null) continue;
            Set<HttpMethod> methods = r.methods();
            if (methods == null || methods.isEmpty()) out.add("* " + r.getPath());
            else for (HttpMethod m : methods) out.add(m.name() + " " + r.getPath());
        }
        return out;
    }

    static Set<String> described(String listener, Set<String> settingsOff) {
        Set<String> out = new TreeSet<>();
        for (OpenApiDescription.Operation o : description.operations()) {
            if (!o.listeners().contains(listener)) continue;
            if (o.enabledBy() != null && settingsOff.contains(o.enabledBy())) continue;
            out.add(o.key());
        }
        return out;
    }

    private Operator operator(Map<String, String> settings) {
        OperatorConfig base = node.node.operator().config();
        Map<String, String> s = new HashMap<>(settings);
        s.put("store", base.store());
        s.put("credentials_file", base.credentialsPath().toString());
        return Operator.create(OperatorConfig.fromSettings(s), node.node.state(), System::currentTimeMillis);
    }

    @Test
    void everyPublicRouteIsDescribedAndEveryDescribedOperationIsARoute() {
        Set<String> routes = routes(ApiRouter.create(vertx, node.node.operator()));
        assertThat(routes).as("public routes (left) vs /openapi.json operations on the public listener")
                .containsExactlyInAnyOrderElementsOf(described("public", Set.of()));
    }

    @Test
    void everyOpsListenerRouteIsDescribedAndEveryDescribedOperationIsARoute() {
        Set<String> routes = routes(OpsRouter.create(vertx, node.node.operator()));
        assertThat(routes).as("ops listener routes (left) vs /openapi.json operations on the ops listener")
                .containsExactlyInAnyOrderElementsOf(described("ops", Set.of()));
    }

    @Test
    void conditionalOperationsAreRoutesExactlyWhileTheirSettingIsOn() {
        Set<String> off = Set.of("demo_mode", "allow_legacy_api", "client_side_token_generate", "optout_status_api_enabled");
        Map<String, String> settings = new HashMap<>();
        for (String k : off) settings.put(k, "false");
        Set<String> routes = routes(ApiRouter.create(vertx, operator(settings)));
        assertThat(routes).containsExactlyInAnyOrderElementsOf(described("public", off));
        Set<String> conditional = new TreeSet<>();
        description.operations().stream().filter(o -> o.enabledBy() != null).forEach(o -> conditional.add(o.enabledBy()));
        assertThat(off).as("settings named by x-openuid-enabled-by").containsAll(conditional);
    }

    @Test
    void everyOperationIsWellFormed() {
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (OpenApiDescription.Operation o : description.operations()) {
            JsonNode n = o.node();
            if (!ids.add(n.path("operationId").asText())) problems.add(o.key() + ": missing or duplicate operationId");
            if (!n.has("x-openuid-roles")) problems.add(o.key() + ": no x-openuid-roles");
            if (!n.has("security")) problems.add(o.key() + ": no security requirement");
            if (n.path("summary").asText().isBlank() || n.path("description").asText().isBlank())
                problems.add(o.key() + ": no summary or description");
            if (!n.path("responses").has("200")) problems.add(o.key() + ": no 200 answer");
            if (n.path("tags").size() != 1) problems.add(o.key() + ": needs exactly one tag");
            if (o.enabledBy() != null && !OperatorConfig.DEFAULTS.containsKey(o.enabledBy()))
                problems.add(o.key() + ": x-openuid-enabled-by names no configuration key: " + o.enabledBy());
            // the roles are also the alternatives of the security requirement
            Set<String> alternatives = new TreeSet<>();
            n.path("security").forEach(req -> req.path("apiKey").forEach(r -> alternatives.add(r.asText())));
            if (!alternatives.equals(new TreeSet<>(o.roles()))) problems.add(o.key() + ": security roles " + alternatives + " != x-openuid-roles " + o.roles());
            if (!o.roles().isEmpty() && !n.path("responses").has("401")) problems.add(o.key() + ": authenticated but no 401 answer");
            if ("v2".equals(n.path("x-openuid-envelope").asText()) && !"POST".equals(o.method()))
                problems.add(o.key() + ": an enveloped operation must be a POST");
        }
        assertThat(problems).isEmpty();
        assertThat(description.unresolvedRefs()).as("$refs that point nowhere").isEmpty();
        assertThat(description.root.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void theEnvelopedOperationsAreTheOnesTheInfoSectionLists() {
        String info = description.root.at("/info/description").asText();
        for (OpenApiDescription.Operation o : description.operations()) {
            boolean enveloped = "v2".equals(o.node().path("x-openuid-envelope").asText());
            assertThat(info.contains("`" + o.path() + "`") && info.indexOf("`" + o.path() + "`") < info.indexOf("receive their JSON"))
                    .as(o.key() + " enveloped=" + enveloped).isEqualTo(enveloped);
        }
    }
}
