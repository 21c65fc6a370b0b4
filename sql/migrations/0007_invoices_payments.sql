-- Invoices and the payments received against them. paid_cents is the sum of
-- the invoice's payments, kept by the code in the same transaction as each
-- payment; the checks keep it between 0 and the total, and a void invoice
-- without any. A pay application has at most one invoice: the one its
-- certificate created.

CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  number text NOT NULL CHECK (length(btrim(number)) >= 1 AND length(number) <= 50),
  kind text NOT NULL CHECK (kind IN ('deposit', 'progress', 'retainage_release', 'other')),
  pay_application_id bigint,
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'sent', 'partially_paid', 'paid', 'void')),
  issued_on date NOT NULL DEFAULT current_date,
  due_date date,
  total_cents bigint NOT NULL CHECK (total_cents BETWEEN 0 AND 1000000000000000),
  paid_cents bigint NOT NULL DEFAULT 0 CHECK (paid_cents BETWEEN 0 AND total_cents),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, pay_application_id) REFERENCES pay_applications (org_id, id),
  CHECK ((kind IN ('progress', 'retainage_release')) = (pay_application_id IS NOT NULL)),
  CHECK (status <> 'void' OR paid_cents = 0),
  CHECK (status <> 'paid' OR paid_cents = total_cents),
  CHECK (status <> 'partially_paid' OR paid_cents BETWEEN 1 AND total_cents - 1),
  CHECK (status NOT IN ('draft', 'sent') OR paid_cents = 0)
);
CREATE INDEX invoices_project ON invoices (org_id, project_id, id);
CREATE UNIQUE INDEX invoices_number_key ON invoices (org_id, project_id, lower(number));
CREATE UNIQUE INDEX invoices_pay_application_key ON invoices (org_id, pay_application_id)
  WHERE pay_application_id IS NOT NULL;

CREATE TABLE payments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  invoice_id bigint NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents BETWEEN 1 AND 1000000000000000),
  received_on date NOT NULL,
  method text NOT NULL DEFAULT 'check'
    CHECK (method IN ('check', 'ach', 'wire', 'card', 'cash', 'other')),
  reference text NOT NULL DEFAULT '' CHECK (length(reference) <= 200),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, id)
);
CREATE INDEX payments_invoice ON payments (org_id, invoice_id, id);
