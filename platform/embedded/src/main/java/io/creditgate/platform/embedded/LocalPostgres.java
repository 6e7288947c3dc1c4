package io.creditgate.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from embedded binaries on a free port, or the external server
 * that {@code SPRING_DATASOURCE_URL} names. Tests take a fresh database each with
 * {@link #createDatabase()}, so they never see each other's rows.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String EXTERNAL_URL_ENV = "SPRING_DATASOURCE_URL";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres server;
    private final String jdbcUrl;
    private final String username;
    private final String password;

    private LocalPostgres(EmbeddedPostgres server, String jdbcUrl, String username, String password) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static LocalPostgres shared() {
        return Shared.INSTANCE;
    }

    /** Starts a server of its own on a free port (or connects to the external one). */
    public static LocalPostgres start() {
        String external = System.getenv(EXTERNAL_URL_ENV);
        if (external != null && !external.isBlank()) {
            String user = envOr("SPRING_DATASOURCE_USERNAME", "postgres");
            log.info("PostgreSQL: using external server {} ({})", external, EXTERNAL_URL_ENV);
            return new LocalPostgres(null, external, user, envOr("SPRING_DATASOURCE_PASSWORD", ""));
        }
        return startEmbedded(null);
    }

    /**
     * Starts embedded binaries, keeping the data in {@code dataDirectory} when given (it
     * survives restarts) or in a temporary directory otherwise.
     */
    public static LocalPostgres startEmbedded(java.nio.file.Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres server = builder.start();
            String url = server.getJdbcUrl("postgres", "postgres");
            log.info("PostgreSQL: embedded server listening at {} (user postgres, no password)", url);
            return new LocalPostgres(server, url, "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /** JDBC URL of the server's default database. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Creates a new, empty database and returns its JDBC URL. */
    public String createDatabase() {
        String name = "cg_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        return createDatabase(name);
    }

    /** Creates the named database if it does not exist and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return withDatabase(jdbcUrl, name);
    }

    /** Replaces the database part of a PostgreSQL JDBC URL, keeping its parameters. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    private static final class Shared {
        static final LocalPostgres INSTANCE = start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close, "local-postgres-stop"));
        }
    }
}
