-- The search boxes over a contractor's years of projects and parties: the
-- name (or a project's number) containing what was typed, in any case. The
-- stores match `name ILIKE '%…%'` (sql/like_pattern.hpp escapes the text),
-- which a GIN index of trigrams answers; the strpos(lower(name), …) before
-- it matched the same rows but read every project of the organisation.
--
-- pg_trgm ships with PostgreSQL 15 (postgresql-15 on Debian, the official
-- image) and is a trusted extension: the database's owner may create it.
-- A role that does not own the database needs CREATE on it, or a superuser
-- runs this CREATE EXTENSION once beforehand.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX projects_name_trgm ON projects USING gin (name gin_trgm_ops);
CREATE INDEX projects_number_trgm ON projects USING gin (number gin_trgm_ops);
CREATE INDEX parties_name_trgm ON parties USING gin (name gin_trgm_ops);
