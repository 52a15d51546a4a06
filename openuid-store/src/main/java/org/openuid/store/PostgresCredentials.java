package org.openuid.store;

import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The user name and password a PostgreSQL store connects with, found as libpq finds them where that makes sense
 * (docs/deployment.md, "Database credentials").
 *
 * <p>User: the location ({@code postgresql://user@...} or {@code user=}), else {@code PGUSER}, else the name of
 * the operating system user running the node. Password, first found wins: the location
 * ({@code postgresql://user:password@...} or {@code password=}), the file named by {@code store_password_file},
 * {@code PGPASSWORD}, then the first matching line of the password file ({@code PGPASSFILE}, else
 * {@code ~/.pgpass}; see {@link PgPassFile}). With several hosts in the location, the password file is searched
 * for each host in turn and the first match is used for all of them. Everything is read once, when the store is
 * opened.
 *
 * <p>When no password is found, connections are made with {@link NoPassword}, so that the JDBC driver does not
 * read a password file of its own (it would ignore the permission rule); a server that asks for a password then
 * fails the connection with "password missing".
 */
final class PostgresCredentials {

    private static final String UNSET = "\u0000unset";
    private static final int DEFAULT_PORT = 5432;

    /** Supplies no password (see the class description); public for the driver, which instantiates it by name. */
    public static final class NoPassword implements AuthenticationPlugin {
        @Override
        public char[] getPassword(AuthenticationRequestType type) {
            return null;
        }
    }

    private final String user;
    private final boolean userInLocation;
    private final String password;
    private final String passwordSource;
    private final List<String> searched;

    private PostgresCredentials(String user, boolean userInLocation, String password, String passwordSource,
                                List<String> searched) {
        this.user = user;
        this.userInLocation = userInLocation;
        this.password = password;
        this.passwordSource = passwordSource;
        this.searched = List.copyOf(searched);
    }

    /** Resolves the credentials of a PostgreSQL {@code location}. */
    static PostgresCredentials resolve(StoreLocation location, StoreSettings settings) {
        Properties defaults = location.properties();
        defaults.putIfAbsent("user", UNSET);
        defaults.putIfAbsent("password", UNSET);
        Properties parsed = org.postgresql.Driver.parseURL(location.jdbcUrl(), defaults);
        if (parsed == null) throw new IllegalArgumentException("invalid PostgreSQL location " + location.description());
        Map<String, String> env = settings.environment();

        String urlUser = parsed.getProperty("user");
        boolean userInLocation = !UNSET.equals(urlUser);
        String user = userInLocation ? urlUser : firstNonEmpty(env.get("PGUSER"), System.getProperty("user.name"));

        String urlPassword = parsed.getProperty("password");
        if (!UNSET.equals(urlPassword)) return new PostgresCredentials(user, userInLocation, null, "the location", List.of());
        List<String> searched = new ArrayList<>();
        searched.add("the location");
        if (settings.passwordFile() != null) {
            return new PostgresCredentials(user, userInLocation, readPasswordFile(settings.passwordFile()),
                    "store_password_file " + settings.passwordFile(), List.of());
        }
        searched.add("store_password_file (not set)");
        String fromEnv = env.get("PGPASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new PostgresCredentials(user, userInLocation, fromEnv, "PGPASSWORD", List.of());
        }
        searched.add("PGPASSWORD (not set)");
        String passFile = env.get("PGPASSFILE");
        PgPassFile file = PgPassFile.read(passFile != null && !passFile.isEmpty()
                ? Path.of(passFile) : Path.of(System.getProperty("user.home"), ".pgpass"));
        String database = parsed.getProperty("PGDBNAME", "");
        Optional<String> fromFile = lookUp(file, parsed.getProperty("PGHOST", "localhost"),
                parsed.getProperty("PGPORT", ""), UNSET.equals(database) ? user : database, user);
        if (fromFile.isPresent()) {
            return new PostgresCredentials(user, userInLocation, fromFile.get(), "password file " + file.path(), List.of());
        }
        searched.add(file.path() + " (" + (file.ignored() != null ? file.ignored() : "no matching line") + ")");
        return new PostgresCredentials(user, userInLocation, null, null, searched);
    }

    /** {@code base} (the location's connection properties) with the resolved user and password added. */
    Properties apply(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        if (!userInLocation) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        else if (passwordSource == null) p.setProperty("authenticationPluginClassName", NoPassword.class.getName());
        return p;
    }

    /** The user name connections are made as. */
    String user() {
        return user;
    }

    /** Where the password came from ("PGPASSWORD", "store_password_file /path", ...), or null when none was found. */
    String passwordSource() {
        return passwordSource;
    }

    /** The places searched for a password, for the message when none was found. */
    List<String> searched() {
        return searched;
    }

    @Override
    public String toString() {
        return "PostgresCredentials[user=" + user + ", password=" + (passwordSource == null ? "none" : "from " + passwordSource) + "]";
    }

    private static Optional<String> lookUp(PgPassFile file, String hosts, String ports, String database, String user) {
        String[] hostList = hosts.split(",");
        String[] portList = ports.split(",");
        for (int i = 0; i < hostList.length; i++) {
            String port = i < portList.length ? portList[i].trim() : "";
            Optional<String> found = file.password(hostList[i].trim(), port.isEmpty() ? DEFAULT_PORT : parsePort(port),
                    database, user);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return DEFAULT_PORT;
        }
    }

    /** The file's content without its trailing line break; never echoed in messages. */
    private static String readPasswordFile(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("store_password_file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("store_password_file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) end--;
        if (end == 0) throw new IllegalArgumentException("store_password_file " + file + " is empty");
        return content.substring(0, end);
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }
}
