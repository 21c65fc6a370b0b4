-- Change orders and their lines. A line is an estimate line whose unit cost
-- (and so cost and price) may be negative: a credit. The order's amount is
-- the sum of its lines' prices, kept by the code in the same transaction as
-- every line change. Approving an order adds one schedule-of-values line
-- pointing at it; the unique index below makes that happen at most once per
-- order, whatever the code does.

CREATE TABLE change_orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  number text NOT NULL CHECK (length(btrim(number)) >= 1 AND length(number) <= 50),
  title text NOT NULL CHECK (length(btrim(title)) >= 1 AND length(title) <= 200),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 10000),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'pending', 'approved', 'rejected', 'void')),
  days_delta integer NOT NULL DEFAULT 0 CHECK (days_delta BETWEEN -3650 AND 3650),
  amount_cents bigint NOT NULL DEFAULT 0
    CHECK (amount_cents BETWEEN -1000000000000000 AND 1000000000000000),
  approved_at timestamptz CHECK ((status = 'approved') = (approved_at IS NOT NULL)),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id)
);
CREATE INDEX change_orders_project ON change_orders (org_id, project_id, id);
CREATE UNIQUE INDEX change_orders_number_key ON change_orders (org_id, project_id, lower(number));

CREATE TABLE change_order_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  change_order_id bigint NOT NULL,
  position integer NOT NULL CHECK (position BETWEEN 1 AND 100000),
  cost_code text NOT NULL CHECK (cost_code ~ '^[0-9]{2}-[0-9]{3}$'),
  cost_type text NOT NULL
    CHECK (cost_type IN ('labor', 'material', 'equipment', 'subcontract', 'other')),
  description text NOT NULL CHECK (length(btrim(description)) >= 1 AND length(description) <= 500),
  quantity numeric(12, 3) NOT NULL CHECK (quantity >= 0),
  unit text NOT NULL DEFAULT '' CHECK (length(unit) <= 20),
  unit_cost_cents bigint NOT NULL
    CHECK (unit_cost_cents BETWEEN -1000000000000000 AND 1000000000000000),
  markup_bps integer NOT NULL CHECK (markup_bps BETWEEN 0 AND 100000),
  taxable boolean NOT NULL DEFAULT false,
  cost_cents bigint NOT NULL CHECK (cost_cents BETWEEN -1000000000000000 AND 1000000000000000),
  price_cents bigint NOT NULL CHECK (price_cents BETWEEN -1000000000000000 AND 1000000000000000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  -- Markup never changes a line's sign: a credit's price is a credit too.
  CHECK (sign(price_cents) = sign(cost_cents) OR price_cents = 0 OR cost_cents = 0),
  FOREIGN KEY (org_id, change_order_id) REFERENCES change_orders (org_id, id) ON DELETE CASCADE
);
CREATE INDEX change_order_lines_order ON change_order_lines (org_id, change_order_id, position, id);

ALTER TABLE schedule_of_values_lines
  ADD FOREIGN KEY (org_id, change_order_id) REFERENCES change_orders (org_id, id);
CREATE UNIQUE INDEX schedule_of_values_lines_change_order_key
  ON schedule_of_values_lines (org_id, change_order_id) WHERE change_order_id IS NOT NULL;
