-- Parties (clients, vendors, subcontractors, architects) and projects. As in
-- 0001, every row carries org_id and every reference between tenant rows is
-- an (org_id, id) pair, so a project can never name another organisation's
-- client. The length limits are the API's (DESIGN.md, "API decisions"),
-- repeated here so a bug in the code cannot store what the API refuses.

-- Timestamps as the API writes them: RFC 3339 in UTC, to the second.
CREATE FUNCTION rfc3339(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

CREATE TABLE parties (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('client', 'vendor', 'subcontractor', 'architect')),
  name text NOT NULL CHECK (length(btrim(name)) >= 1 AND length(name) <= 200),
  email text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
  phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
  address text NOT NULL DEFAULT '' CHECK (length(address) <= 1000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id)
);
CREATE INDEX parties_org_kind ON parties (org_id, kind, id);

CREATE TABLE projects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  number text NOT NULL CHECK (length(btrim(number)) >= 1 AND length(number) <= 50),
  name text NOT NULL CHECK (length(btrim(name)) >= 1 AND length(name) <= 200),
  client_id bigint,
  site_address text NOT NULL DEFAULT '' CHECK (length(site_address) <= 1000),
  status text NOT NULL DEFAULT 'lead' CHECK (status IN ('lead', 'estimating', 'active',
    'substantially_complete', 'closed', 'cancelled')),
  contract_type text NOT NULL DEFAULT 'fixed_price'
    CHECK (contract_type IN ('fixed_price', 'cost_plus')),
  retainage_work_bps integer NOT NULL DEFAULT 1000
    CHECK (retainage_work_bps BETWEEN 0 AND 10000),
  retainage_stored_bps integer NOT NULL DEFAULT 1000
    CHECK (retainage_stored_bps BETWEEN 0 AND 10000),
  start_date date,
  completion_date date CHECK (completion_date >= start_date),
  -- Set once, by accepting the project's estimate (0 before).
  original_contract_sum_cents bigint NOT NULL DEFAULT 0
    CHECK (original_contract_sum_cents BETWEEN 0 AND 1000000000000000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES parties (org_id, id)
);
CREATE UNIQUE INDEX projects_number_key ON projects (org_id, lower(number));
CREATE INDEX projects_org_status ON projects (org_id, status, id);
CREATE INDEX projects_org_client ON projects (org_id, client_id);
