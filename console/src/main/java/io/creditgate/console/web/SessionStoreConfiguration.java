package io.creditgate.console.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Browser sessions live in PostgreSQL (Spring Session JDBC). A dashboard page sends several API calls at once, and on
 * a fresh session each of them stores the same new attribute (the relayed access token): with plain INSERTs all but
 * one failed on the attributes' primary key and answered 500. Spring Session's PostgreSQL customizer writes
 * attributes with {@code INSERT ... ON CONFLICT DO UPDATE}, so the last one wins and every call is answered.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgreSqlSessionAttributesUpsert() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
