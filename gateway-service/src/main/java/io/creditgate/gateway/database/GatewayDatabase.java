package io.creditgate.gateway.database;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

/**
 * The gateway's own PostgreSQL schema (virtual keys, price changes). Migrated on first use rather than at
 * startup, so the gateway starts and serves calls while PostgreSQL is down; whoever touches the database first
 * migrates it.
 */
@Component
public class GatewayDatabase {

    private final DataSource dataSource;
    private volatile boolean migrated;

    public GatewayDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Applies the gateway's migrations once (idempotent, and safe while another gateway does the same). */
    public void ensureSchema() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                Flyway.configure().dataSource(dataSource)
                        .locations("classpath:db/gateway")
                        // Its own history table, so the gateway can share a database with another service.
                        .table("flyway_gateway_history")
                        .baselineOnMigrate(true).baselineVersion("0")
                        .load().migrate();
                migrated = true;
            }
        }
    }
}
