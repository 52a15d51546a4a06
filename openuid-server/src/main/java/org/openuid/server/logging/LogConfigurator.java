package org.openuid.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Locale;

/**
 * The operator's logging set up in code (found by Logback through {@code META-INF/services}): standard error, one
 * JSON object per line ({@code OPENUID_LOG_FORMAT=json}, the default) or text for people ({@code text}); Netty,
 * Vert.x, Flyway and HikariCP at WARN (HikariCP's reports of single dead connections at ERROR), everything else
 * at INFO. Parsing an XML configuration instead costs a tenth of a cold start. A configuration file given with
 * {@code -Dlogback.configurationFile=...} (or a {@code logback-test.xml} on the class path) still wins: this
 * configurator then steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg %kvp%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, System.getenv("OPENUID_LOG_FORMAT"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Configures {@code context}; a format other than {@code text} means JSON. */
    static void apply(LoggerContext context, String format) {
        boolean text = format != null && format.trim().toLowerCase(Locale.ROOT).equals("text");
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(text ? "text" : "json");
        appender.setTarget("System.err");
        appender.setEncoder(text ? textEncoder(context) : jsonEncoder(context));
        appender.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        for (String quiet : new String[] {"io.netty", "io.vertx", "org.flywaydb", "com.zaxxer.hikari"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        // a connection that died is reported by the store's own warning; the pool's stack traces add nothing
        for (String redundant : new String[] {"com.zaxxer.hikari.pool.ProxyConnection", "com.zaxxer.hikari.pool.PoolBase"}) {
            context.getLogger(redundant).setLevel(Level.ERROR);
        }
        context.getLogger("openuid.access").setLevel(Level.INFO);
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
