package org.openuid.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.openuid.server.http.Favicon;
import org.openuid.server.http.JarResources;
import org.openuid.server.http.Operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's own description: {@code GET /openapi.json} (the OpenAPI 3.1 description of the public API, a resource of
 * the jar) always, and in demo mode {@code GET /docs}, a self-contained page that renders it (inline script and style,
 * allowed by hash in its Content-Security-Policy; nothing is loaded from elsewhere) and its {@code /favicon.ico}.
 * Outside demo mode {@code /docs} is not routed, and its 404 ({@link ApiRouter#notFoundMessage}) says so and points to {@code /openapi.json}.
 */
public final class DocsApi {
    /** Classpath location of the description. */
    public static final String DESCRIPTION = "openapi/openapi.json";
    /** Classpath location of the page. */
    public static final String PAGE = "openapi/docs.html";
    /** The 404 message of {@code /docs} outside demo mode. */
    public static final String NOT_IN_DEMO_MODE =
            "Not found: /docs is served in demo mode only (demo_mode=true or serve --demo); the OpenAPI description is always at /openapi.json";

    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

    private DocsApi() {}

    public static void register(Router router, Operator op) {
        byte[] description = resource(DESCRIPTION);
        router.get("/openapi.json").handler(ctx -> send(ctx, "application/json", description, null));
        if (!op.config().demoMode()) return;
        byte[] page = resource(PAGE);
        String html = new String(page, StandardCharsets.UTF_8);
        String csp = "default-src 'none'; script-src " + hashes(SCRIPT, html) + "; style-src " + hashes(STYLE, html)
                + "; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        router.get("/docs").handler(ctx -> send(ctx, "text/html; charset=utf-8", page, csp));
        Favicon.register(router);
    }

    private static void send(RoutingContext ctx, String contentType, byte[] body, String csp) {
        ctx.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (csp != null) ctx.response().putHeader("Content-Security-Policy", csp).putHeader("X-Frame-Options", "DENY");
        ctx.response().end(Buffer.buffer(body));
    }

    /** The CSP source list allowing exactly the inline blocks the pattern finds. */
    static String hashes(Pattern block, String html) {
        StringBuilder out = new StringBuilder();
        Matcher m = block.matcher(html);
        while (m.find()) {
            if (!out.isEmpty()) out.append(' ');
            out.append("'sha256-").append(Base64.getEncoder().encodeToString(sha256(m.group(1)))).append('\'');
        }
        return out.isEmpty() ? "'none'" : out.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resource of the jar; its absence is a packaging error. */
    public static byte[] resource(String name) {
        return JarResources.bytes(name);
    }
}
