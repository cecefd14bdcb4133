-- Run once as the PostgreSQL superuser: psql -v pw="'…'" -f postgres-setup.sql
CREATE ROLE contests LOGIN PASSWORD :pw;
CREATE DATABASE contests OWNER contests ENCODING 'UTF8' TEMPLATE template0;
