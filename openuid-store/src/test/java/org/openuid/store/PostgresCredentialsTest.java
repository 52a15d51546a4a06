package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which user and password a PostgreSQL store connects with, and in which order the sources count. */
class PostgresCredentialsTest {
    private static final String PLUGIN = "authenticationPluginClassName";

    @TempDir
    Path tmp;

    private static PostgresCredentials resolve(String location, Path passwordFile, Map<String, String> env) {
        return PostgresCredentials.resolve(StoreLocation.parse(location), new StoreSettings(1, passwordFile, env));
    }

    private static Properties applied(String location, Path passwordFile, Map<String, String> env) {
        return resolve(location, passwordFile, env).apply(StoreLocation.parse(location).properties());
    }

    private Path pgpass(String content) throws Exception {
        Path f = tmp.resolve("pgpass");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private Path passwordFile(String content) throws Exception {
        Path f = tmp.resolve("password");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void thePasswordInTheLocationWinsAndIsLeftToTheDriver() throws Exception {
        Map<String, String> env = Map.of("PGPASSWORD", "env", "PGPASSFILE", pgpass("*:*:*:*:file\n").toString());
        PostgresCredentials query = resolve("postgresql://h/db?user=op&password=url", passwordFile("secret-file"), env);
        assertThat(query.passwordSource()).isEqualTo("the location");
        assertThat(query.apply(new Properties())).isEmpty();
        Properties userInfo = applied("postgresql://op:info@h/db", passwordFile("secret-file"), env);
        assertThat(userInfo.getProperty("password")).isEqualTo("info");
        assertThat(userInfo.getProperty(PLUGIN)).isNull();
    }

    @Test
    void thenTheStorePasswordFileThenPgpasswordThenThePasswordFile() throws Exception {
        Path pgpass = pgpass("h:5432:db:op:from-pgpass\n");
        Map<String, String> all = Map.of("PGPASSWORD", "from-env", "PGPASSFILE", pgpass.toString());
        String location = "postgresql://h/db?user=op";

        PostgresCredentials fromFile = resolve(location, passwordFile("from-file\r\n"), all);
        assertThat(fromFile.passwordSource()).isEqualTo("store_password_file " + tmp.resolve("password"));
        assertThat(fromFile.apply(new Properties()).getProperty("password")).isEqualTo("from-file");

        PostgresCredentials fromEnv = resolve(location, null, all);
        assertThat(fromEnv.passwordSource()).isEqualTo("PGPASSWORD");
        assertThat(fromEnv.apply(new Properties()).getProperty("password")).isEqualTo("from-env");

        PostgresCredentials fromPgpass = resolve(location, null, Map.of("PGPASSWORD", "", "PGPASSFILE", pgpass.toString()));
        assertThat(fromPgpass.passwordSource()).isEqualTo("password file " + pgpass);
        assertThat(fromPgpass.apply(new Properties()).getProperty("password")).isEqualTo("from-pgpass");
        assertThat(fromPgpass.toString()).doesNotContain("from-pgpass");
    }

    @Test
    void withoutAPasswordTheDriverGetsNoneAndDoesNotLookForOne() {
        PostgresCredentials none = resolve("postgresql://h/db?user=op", null, Map.of("PGPASSFILE", tmp.resolve("absent").toString()));
        assertThat(none.passwordSource()).isNull();
        assertThat(none.searched()).containsExactly("the location", "store_password_file (not set)", "PGPASSWORD (not set)",
                tmp.resolve("absent") + " (no such file)");
        Properties p = none.apply(new Properties());
        assertThat(p.getProperty("password")).isNull();
        assertThat(p.getProperty(PLUGIN)).isEqualTo(PostgresCredentials.NoPassword.class.getName());
        assertThat(new PostgresCredentials.NoPassword().getPassword(null)).isNull();
    }

    @Test
    void theUserComesFromTheLocationThenPguserThenTheOperatingSystem() {
        Map<String, String> env = Map.of("PGUSER", "env-user", "PGPASSWORD", "x");
        assertThat(resolve("postgresql://h/db?user=op", null, env).user()).isEqualTo("op");
        assertThat(resolve("postgresql://info@h/db", null, env).user()).isEqualTo("info");
        assertThat(resolve("jdbc:postgresql://h/db?user=jdbc", null, env).user()).isEqualTo("jdbc");
        assertThat(resolve("postgresql://h/db", null, env).user()).isEqualTo("env-user");
        assertThat(applied("postgresql://h/db", null, env).getProperty("user")).isEqualTo("env-user");
        assertThat(resolve("postgresql://h/db", null, Map.of()).user()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void thePasswordFileIsSearchedForTheDefaultPortAndForEachHost() throws Exception {
        Path pgpass = pgpass("db2:6432:openuid:op:second-host\nlocal:5432:openuid:op:default-port\n");
        Map<String, String> env = Map.of("PGPASSFILE", pgpass.toString());
        assertThat(applied("postgresql://db1:5432,db2:6432/openuid?user=op&targetServerType=primary", null, env)
                .getProperty("password")).isEqualTo("second-host");
        assertThat(applied("postgresql://local/openuid?user=op", null, env).getProperty("password")).isEqualTo("default-port");
    }

    @Test
    void anUnusableStorePasswordFileIsAnErrorThatDoesNotShowItsContent() throws Exception {
        assertThatThrownBy(() -> resolve("postgresql://h/db", tmp.resolve("absent"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("store_password_file " + tmp.resolve("absent") + " does not exist");
        Path empty = passwordFile("\n");
        assertThatThrownBy(() -> resolve("postgresql://h/db", empty, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("store_password_file " + empty + " is empty");
    }
}
