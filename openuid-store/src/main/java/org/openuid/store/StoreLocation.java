package org.openuid.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Where a store lives: the JDBC URL and connection properties for one of the two supported databases, plus a
 * description that is safe to log (never contains credentials).
 *
 * <p>Accepted locations:
 * <ul>
 *   <li>{@code postgresql://[user[:password]@]host[:port][,host[:port]...]/database[?param=value&...]} or the
 *       same with {@code postgres://}: PostgreSQL; query parameters are passed to the JDBC driver unchanged (for
 *       example {@code user}, {@code password}, {@code sslmode}, {@code currentSchema},
 *       {@code targetServerType}). Credentials not given here are found as described in
 *       {@link PostgresCredentials}.</li>
 *   <li>PostgreSQL connections default to {@code connectTimeout=10}, {@code socketTimeout=60} (seconds) and
 *       {@code tcpKeepAlive=true}, so that a database that disappears makes calls fail instead of hang; parameters
 *       given in the location override these.</li>
 *   <li>{@code jdbc:postgresql:...}: PostgreSQL, used as is.</li>
 *   <li>{@code jdbc:h2:...}: H2, used as is.</li>
 *   <li>anything else is a file system path of an embedded H2 database: {@code ./data/openuid} becomes the file
 *       {@code ./data/openuid.mv.db} (a trailing {@code .mv.db} is accepted); if the path is an existing directory,
 *       the database is the file {@code openuid.mv.db} inside it. The database is opened in embedded mode only:
 *       no H2 server, no TCP port, no lock file naming an address, so nothing but the process that opened it can
 *       reach it (another process gets {@link StoreInUseException} until it is closed). H2 writes no trace file
 *       ({@code TRACE_LEVEL_FILE=0}): its errors reach the caller as exceptions.</li>
 * </ul>
 */
public record StoreLocation(Kind kind, String jdbcUrl, Properties properties, String description) {

    /** The database product behind a location. */
    public enum Kind { H2, POSTGRESQL }

    /** File name (without {@code .mv.db}) used when an embedded location is an existing directory. */
    public static final String EMBEDDED_FILE_NAME = "openuid";

    /** Parameters of an embedded database: embedded mode only (no AUTO_SERVER), no trace file. */
    static final String EMBEDDED_PARAMETERS = ";TRACE_LEVEL_FILE=0";
    private static final String H2_USER = "sa";
    private static final String H2_SUFFIX = ".mv.db";

    public StoreLocation {
        properties = copy(properties);
    }

    @Override
    public Properties properties() {
        return copy(properties);
    }

    @Override
    public String toString() {
        return description;
    }

    /** Parses a location string (see the class description). */
    public static StoreLocation parse(String location) {
        if (location == null || location.isBlank()) throw new IllegalArgumentException("store location is empty");
        String trimmed = location.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) return postgresUri(trimmed);
        if (lower.startsWith("jdbc:postgresql:")) {
            return new StoreLocation(Kind.POSTGRESQL, trimmed, postgresDefaults(), "PostgreSQL " + withoutQuery(trimmed));
        }
        if (lower.startsWith("jdbc:h2:")) {
            Properties p = new Properties();
            p.setProperty("user", H2_USER);
            p.setProperty("password", "");
            return new StoreLocation(Kind.H2, trimmed, p, "H2 " + withoutParameters(trimmed));
        }
        return embedded(Path.of(trimmed));
    }

    /** The embedded H2 database at {@code path} (see the class description). */
    public static StoreLocation embedded(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            p = p.resolve(EMBEDDED_FILE_NAME);
        } else if (p.getFileName() != null && p.getFileName().toString().endsWith(H2_SUFFIX)) {
            String name = p.getFileName().toString();
            p = p.resolveSibling(name.substring(0, name.length() - H2_SUFFIX.length()));
        }
        Properties props = new Properties();
        props.setProperty("user", H2_USER);
        props.setProperty("password", "");
        return new StoreLocation(Kind.H2, "jdbc:h2:file:" + p + EMBEDDED_PARAMETERS, props,
                "H2 file " + p + H2_SUFFIX);
    }

    /** The database file for an embedded location, or null for other kinds. */
    public Path embeddedFile() {
        String prefix = "jdbc:h2:file:";
        if (kind != Kind.H2 || !jdbcUrl.startsWith(prefix)) return null;
        return Path.of(withoutParameters(jdbcUrl.substring(prefix.length())) + H2_SUFFIX);
    }

    private static StoreLocation postgresUri(String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid PostgreSQL location (expected postgresql://host:port/database)");
        }
        // the raw authority, not getHost(): a multi-host authority (db1:5432,db2:5432) is not a server-based one
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hostPort = authority.substring(at + 1);
        if (hostPort.isEmpty()) hostPort = "localhost";
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.isEmpty() || path.equals("/")) throw new IllegalArgumentException("PostgreSQL location has no database name");
        String url = "jdbc:postgresql://" + hostPort + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Properties props = postgresDefaults();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) props.setProperty("password", decode(userInfo.substring(colon + 1)));
        }
        return new StoreLocation(Kind.POSTGRESQL, url, props, "PostgreSQL " + hostPort + path);
    }

    /** Driver defaults for PostgreSQL; URL parameters take precedence over these properties. */
    private static Properties postgresDefaults() {
        Properties p = new Properties();
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "60");
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String withoutParameters(String url) {
        int semi = url.indexOf(';');
        return semi < 0 ? url : url.substring(0, semi);
    }

    private static Properties copy(Properties p) {
        Properties c = new Properties();
        if (p != null) c.putAll(p);
        return c;
    }
}
