-- Runs once, when the PostgreSQL volume is created: one database per service that keeps data
-- (creditgate_ledger is POSTGRES_DB itself). Each service's Flyway migrations create its tables.
CREATE DATABASE creditgate_gateway OWNER creditgate;
CREATE DATABASE creditgate_alerts OWNER creditgate;
CREATE DATABASE creditgate_console OWNER creditgate;
CREATE DATABASE creditgate_payment OWNER creditgate;
