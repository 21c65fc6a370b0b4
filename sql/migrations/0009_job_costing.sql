-- Job costing: budget transfers, commitments (subcontracts and purchase
-- orders) and the vendor bills received against them or directly. The budget
-- itself is not stored: the report sums the accepted estimate's lines, the
-- approved change orders' lines, these transfers, commitment lines and bill
-- lines (sql/budget_store.cpp). Every reference between tenant rows is an
-- (org_id, id) pair, as in the other migrations. A document's amounts are the
-- sums of its stored lines, kept by the code in the transaction of each line
-- change; the checks keep the relations between them true whatever the code.

CREATE TABLE budget_transfers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  from_cost_code text NOT NULL CHECK (from_cost_code ~ '^[0-9]{2}-[0-9]{3}$'),
  from_cost_type text NOT NULL
    CHECK (from_cost_type IN ('labor', 'material', 'equipment', 'subcontract', 'other')),
  to_cost_code text NOT NULL CHECK (to_cost_code ~ '^[0-9]{2}-[0-9]{3}$'),
  to_cost_type text NOT NULL
    CHECK (to_cost_type IN ('labor', 'material', 'equipment', 'subcontract', 'other')),
  amount_cents bigint NOT NULL CHECK (amount_cents BETWEEN 1 AND 1000000000000000),
  reason text NOT NULL CHECK (length(btrim(reason)) >= 1 AND length(reason) <= 1000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  CHECK ((from_cost_code, from_cost_type) <> (to_cost_code, to_cost_type)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id)
);
CREATE INDEX budget_transfers_project ON budget_transfers (org_id, project_id, id);

CREATE TABLE commitments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  number text NOT NULL CHECK (length(btrim(number)) >= 1 AND length(number) <= 50),
  kind text NOT NULL CHECK (kind IN ('subcontract', 'purchase_order')),
  party_id bigint NOT NULL,
  title text NOT NULL CHECK (length(btrim(title)) >= 1 AND length(title) <= 200),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'closed', 'void')),
  retainage_bps integer NOT NULL CHECK (retainage_bps BETWEEN 0 AND 10000),
  amount_cents bigint NOT NULL DEFAULT 0 CHECK (amount_cents BETWEEN 0 AND 1000000000000000),
  approved_at timestamptz,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  -- approved_at stays once set: a closed commitment was approved first.
  CHECK ((status IN ('approved', 'closed')) <= (approved_at IS NOT NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, party_id) REFERENCES parties (org_id, id)
);
CREATE INDEX commitments_project ON commitments (org_id, project_id, id);
CREATE UNIQUE INDEX commitments_number_key ON commitments (org_id, project_id, lower(number));

CREATE TABLE commitment_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  commitment_id bigint NOT NULL,
  cost_code text NOT NULL CHECK (cost_code ~ '^[0-9]{2}-[0-9]{3}$'),
  cost_type text NOT NULL
    CHECK (cost_type IN ('labor', 'material', 'equipment', 'subcontract', 'other')),
  description text NOT NULL CHECK (length(btrim(description)) >= 1 AND length(description) <= 500),
  amount_cents bigint NOT NULL CHECK (amount_cents BETWEEN 1 AND 1000000000000000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, commitment_id) REFERENCES commitments (org_id, id) ON DELETE CASCADE
);
CREATE INDEX commitment_lines_commitment ON commitment_lines (org_id, commitment_id, id);

CREATE TABLE vendor_bills (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  number text NOT NULL CHECK (length(btrim(number)) >= 1 AND length(number) <= 50),
  party_id bigint NOT NULL,
  commitment_id bigint,
  bill_date date NOT NULL,
  due_date date CHECK (due_date >= bill_date),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'paid', 'void')),
  amount_cents bigint NOT NULL DEFAULT 0
    CHECK (amount_cents BETWEEN -1000000000000000 AND 1000000000000000),
  retainage_cents bigint NOT NULL DEFAULT 0
    CHECK (retainage_cents BETWEEN -1000000000000000 AND 1000000000000000),
  payable_cents bigint NOT NULL DEFAULT 0,
  approved_at timestamptz,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  CHECK (payable_cents = amount_cents - retainage_cents),
  CHECK (commitment_id IS NOT NULL OR retainage_cents = 0),
  CHECK ((status IN ('approved', 'paid')) <= (approved_at IS NOT NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, party_id) REFERENCES parties (org_id, id),
  FOREIGN KEY (org_id, commitment_id) REFERENCES commitments (org_id, id)
);
CREATE INDEX vendor_bills_project ON vendor_bills (org_id, project_id, id);
CREATE INDEX vendor_bills_commitment ON vendor_bills (org_id, commitment_id)
  WHERE commitment_id IS NOT NULL;
-- The vendor's own number, once per vendor; a void bill frees it (the
-- vendor re-issues a corrected bill under the same number).
CREATE UNIQUE INDEX vendor_bills_number_key ON vendor_bills (org_id, party_id, lower(number))
  WHERE status <> 'void';

CREATE TABLE vendor_bill_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  vendor_bill_id bigint NOT NULL,
  cost_code text NOT NULL CHECK (cost_code ~ '^[0-9]{2}-[0-9]{3}$'),
  cost_type text NOT NULL
    CHECK (cost_type IN ('labor', 'material', 'equipment', 'subcontract', 'other')),
  description text NOT NULL CHECK (length(btrim(description)) >= 1 AND length(description) <= 500),
  -- A credit is negative; a line of nothing says nothing.
  amount_cents bigint NOT NULL
    CHECK (amount_cents BETWEEN -1000000000000000 AND 1000000000000000 AND amount_cents <> 0),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, vendor_bill_id) REFERENCES vendor_bills (org_id, id) ON DELETE CASCADE
);
CREATE INDEX vendor_bill_lines_bill ON vendor_bill_lines (org_id, vendor_bill_id, id);
