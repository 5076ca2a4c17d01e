-- One database per service, created on the first start of the compose `postgres`
-- container (files in /docker-entrypoint-initdb.d run only when the data volume is
-- empty). They belong to POSTGRES_USER, the account every service uses in compose.
-- Each service creates its own tables with its migrations.
CREATE DATABASE portail_identity;
CREATE DATABASE portail_content;
CREATE DATABASE portail_enrolment;
CREATE DATABASE portail_reservation;
CREATE DATABASE portail_billing;
CREATE DATABASE portail_notification;
