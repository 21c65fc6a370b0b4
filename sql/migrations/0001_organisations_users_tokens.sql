-- Organisations (tenants), their users and API tokens. Every tenant-owned row
-- carries org_id, and references between tenant-owned rows go through
-- (org_id, id) pairs, so a row can never point into another organisation even
-- if the code had a bug.

CREATE TABLE organisations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  email text NOT NULL CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$' AND length(email) <= 254),
  name text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  role text NOT NULL CHECK (role IN ('owner', 'manager', 'field')),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id)
);
-- One login per address across the platform: log-in asks only for the email.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- A token is 32 random bytes shown once; only its SHA-256 is kept. (A slow
-- password hash is unnecessary for 256 random bits, and would cost a request
-- its Argon2 time: the check is one indexed lookup.)
CREATE TABLE api_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL,
  user_id bigint NOT NULL,
  name text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX api_tokens_user ON api_tokens (org_id, user_id);
