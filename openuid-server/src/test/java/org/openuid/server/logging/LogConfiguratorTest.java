package org.openuid.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogConfiguratorTest {

    @Test
    void jsonIsTheDefaultOneObjectPerLineWithTheFormattedMessage() {
        String line = logOneLine(null);
        assertThat(line).startsWith("{").endsWith("}\n").contains("\"level\":\"INFO\"")
                .contains("\"loggerName\":\"org.openuid.test\"").contains("\"formattedMessage\":\"hello 42\"")
                .doesNotContain("\"message\":").doesNotContain("\"arguments\"");
        assertThat(logOneLine("JSON")).startsWith("{");
    }

    @Test
    void textIsForPeople() {
        assertThat(logOneLine(" text ")).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  org\\.openuid\\.test - hello 42 \\n");
    }

    @Test
    void frameworksAreQuietAndEverythingElseLogsAtInfo() {
        LoggerContext context = new LoggerContext();
        LogConfigurator.apply(context, "json");
        assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.vertx.core").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb.core").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari.HikariDataSource").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("com.zaxxer.hikari.pool.PoolBase").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("openuid.access").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.openuid.server").getEffectiveLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<?> appender = (ConsoleAppender<?>) context.getLogger("ROOT").getAppender("json");
        assertThat(appender.getTarget()).isEqualTo("System.err");
    }

    @Test
    void aLogbackConfigurationFileTakesPrecedence() {
        // the test class path has a logback-test.xml, as a deployment may name its own file
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(new LoggerContext());
        assertThat(configurator.configure(new LoggerContext())).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }

    private static String logOneLine(String format) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        LogConfigurator.apply(context, format);
        ch.qos.logback.classic.Logger root = context.getLogger("ROOT");
        OutputStreamAppender<?> appender = (OutputStreamAppender<?>) root.iteratorForAppenders().next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        appender.setOutputStream(out);
        context.getLogger("org.openuid.test").info("hello {}", 42);
        context.getLogger("io.netty.test").info("not shown");
        context.stop();
        return out.toString(StandardCharsets.UTF_8);
    }
}
