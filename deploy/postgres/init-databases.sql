-- One role and one database per service, created on the first start of the compose
-- `postgres` container (files in /docker-entrypoint-initdb.d run only when the data volume
-- is empty; after changing this file, `docker compose down -v`). Each service connects as
-- its own role (DATABASE_URL in docker-compose.yml), which owns its database and may not
-- connect to any other one: CONNECT is revoked from PUBLIC, and the roles are neither
-- superusers nor allowed to create roles or databases. Each service creates its own tables
-- (and the trusted extensions unaccent and pg_trgm) with its migrations, as the owner.
-- The passwords are for local development only. POSTGRES_USER (`portail`) stays the
-- administrator; no service uses it.
CREATE ROLE portail_identity LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'portail_identity';
CREATE DATABASE portail_identity OWNER portail_identity;
REVOKE ALL ON DATABASE portail_identity FROM PUBLIC;

CREATE ROLE portail_content LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'portail_content';
CREATE DATABASE portail_content OWNER portail_content;
REVOKE ALL ON DATABASE portail_content FROM PUBLIC;

CREATE ROLE portail_enrolment LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'portail_enrolment';
CREATE DATABASE portail_enrolment OWNER portail_enrolment;
REVOKE ALL ON DATABASE portail_enrolment FROM PUBLIC;

CREATE ROLE portail_reservation LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'portail_reservation';
CREATE DATABASE portail_reservation OWNER portail_reservation;
REVOKE ALL ON DATABASE portail_reservation FROM PUBLIC;

CREATE ROLE portail_billing LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'portail_billing';
CREATE DATABASE portail_billing OWNER portail_billing;
REVOKE ALL ON DATABASE portail_billing FROM PUBLIC;

CREATE ROLE portail_notification LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'portail_notification';
CREATE DATABASE portail_notification OWNER portail_notification;
REVOKE ALL ON DATABASE portail_notification FROM PUBLIC;

-- Nor to the databases every cluster has, nor to POSTGRES_DB (the administrator's).
REVOKE ALL ON DATABASE postgres FROM PUBLIC;
REVOKE ALL ON DATABASE template1 FROM PUBLIC;
REVOKE ALL ON DATABASE portail FROM PUBLIC;
