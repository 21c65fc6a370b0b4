-- Estimates, their lines, and the schedule of values an accepted estimate
-- builds. The money columns hold what domain/ computed; the checks keep the
-- relations between them (total = subtotal + tax, price >= cost for an
-- estimate line, every amount within 10^15 cents) true even if the code had
-- a bug.

CREATE TABLE estimates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  number text NOT NULL CHECK (length(btrim(number)) >= 1 AND length(number) <= 50),
  -- `revise` makes a new row with the same number, revision + 1, pointing
  -- at the one it revises; the revised one stays as the client saw it.
  revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  revised_from_id bigint,
  title text NOT NULL CHECK (length(btrim(title)) >= 1 AND length(title) <= 200),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'accepted', 'declined')),
  valid_until date,
  tax_bps integer NOT NULL DEFAULT 0 CHECK (tax_bps BETWEEN 0 AND 10000),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
  cost_cents bigint NOT NULL DEFAULT 0 CHECK (cost_cents BETWEEN 0 AND 1000000000000000),
  subtotal_cents bigint NOT NULL DEFAULT 0 CHECK (subtotal_cents BETWEEN 0 AND 1000000000000000),
  tax_cents bigint NOT NULL DEFAULT 0 CHECK (tax_cents BETWEEN 0 AND 1000000000000000),
  total_cents bigint NOT NULL DEFAULT 0 CHECK (total_cents BETWEEN 0 AND 1000000000000000),
  margin_bps integer NOT NULL DEFAULT 0 CHECK (margin_bps BETWEEN 0 AND 10000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  CHECK (total_cents = subtotal_cents + tax_cents),
  CHECK (cost_cents <= subtotal_cents),
  CHECK ((revision = 1) = (revised_from_id IS NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, revised_from_id) REFERENCES estimates (org_id, id)
);
CREATE INDEX estimates_project ON estimates (org_id, project_id, id);
CREATE UNIQUE INDEX estimates_number_revision_key
  ON estimates (org_id, project_id, lower(number), revision);
-- An estimate is revised at most once (the revision is revised in its turn).
CREATE UNIQUE INDEX estimates_revised_from_key ON estimates (org_id, revised_from_id);
-- A project has at most one accepted estimate.
CREATE UNIQUE INDEX estimates_one_accepted ON estimates (org_id, project_id)
  WHERE status = 'accepted';

CREATE TABLE estimate_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  estimate_id bigint NOT NULL,
  position integer NOT NULL CHECK (position BETWEEN 1 AND 100000),
  cost_code text NOT NULL CHECK (cost_code ~ '^[0-9]{2}-[0-9]{3}$'),
  cost_type text NOT NULL
    CHECK (cost_type IN ('labor', 'material', 'equipment', 'subcontract', 'other')),
  description text NOT NULL CHECK (length(btrim(description)) >= 1 AND length(description) <= 500),
  quantity numeric(12, 3) NOT NULL CHECK (quantity >= 0),
  unit text NOT NULL DEFAULT '' CHECK (length(unit) <= 20),
  unit_cost_cents bigint NOT NULL CHECK (unit_cost_cents BETWEEN 0 AND 1000000000000000),
  markup_bps integer NOT NULL CHECK (markup_bps BETWEEN 0 AND 100000),
  taxable boolean NOT NULL DEFAULT false,
  cost_cents bigint NOT NULL CHECK (cost_cents BETWEEN 0 AND 1000000000000000),
  price_cents bigint NOT NULL CHECK (price_cents BETWEEN cost_cents AND 1000000000000000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, estimate_id) REFERENCES estimates (org_id, id) ON DELETE CASCADE
);
CREATE INDEX estimate_lines_estimate ON estimate_lines (org_id, estimate_id, position, id);

-- The schedule of values: built once from the accepted estimate, then one
-- line per approved change order (change_order_id; its foreign key comes
-- with the change orders' table). Never edited.
CREATE TABLE schedule_of_values_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  item_no integer NOT NULL CHECK (item_no >= 1),
  description text NOT NULL CHECK (length(btrim(description)) >= 1),
  scheduled_value_cents bigint NOT NULL
    CHECK (scheduled_value_cents BETWEEN -1000000000000000 AND 1000000000000000),
  estimate_id bigint,
  change_order_id bigint,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, project_id, item_no),
  CHECK (num_nonnulls(estimate_id, change_order_id) = 1),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, estimate_id) REFERENCES estimates (org_id, id)
);
