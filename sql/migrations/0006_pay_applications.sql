-- Pay applications (AIA G702) and their lines (G703), one line per
-- schedule-of-values line. The figures are what domain/pay_application
-- computed: kept current while the application is a draft, frozen from
-- submit on. The checks repeat the form's arithmetic so that no bug can
-- store an application whose lines and summary disagree.

CREATE TABLE pay_applications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  project_id bigint NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  period_to date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'certified')),
  retainage_work_bps integer NOT NULL CHECK (retainage_work_bps BETWEEN 0 AND 10000),
  retainage_stored_bps integer NOT NULL CHECK (retainage_stored_bps BETWEEN 0 AND 10000),
  original_contract_sum_cents bigint NOT NULL DEFAULT 0,
  net_change_orders_cents bigint NOT NULL DEFAULT 0,
  contract_sum_to_date_cents bigint NOT NULL DEFAULT 0,
  completed_and_stored_to_date_cents bigint NOT NULL DEFAULT 0,
  retainage_work_cents bigint NOT NULL DEFAULT 0,
  retainage_stored_cents bigint NOT NULL DEFAULT 0,
  retainage_cents bigint NOT NULL DEFAULT 0,
  earned_less_retainage_cents bigint NOT NULL DEFAULT 0,
  previous_certificates_cents bigint NOT NULL DEFAULT 0,
  current_payment_due_cents bigint NOT NULL DEFAULT 0,
  balance_to_finish_cents bigint NOT NULL DEFAULT 0,
  -- What the architect certified: set with the status, never more than due.
  certified_cents bigint,
  submitted_at timestamptz,
  certified_at timestamptz,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, project_id, number),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  CHECK (contract_sum_to_date_cents = original_contract_sum_cents + net_change_orders_cents),
  CHECK (retainage_cents = retainage_work_cents + retainage_stored_cents),
  CHECK (earned_less_retainage_cents = completed_and_stored_to_date_cents - retainage_cents),
  CHECK (current_payment_due_cents = earned_less_retainage_cents - previous_certificates_cents),
  CHECK (balance_to_finish_cents = contract_sum_to_date_cents - earned_less_retainage_cents),
  CHECK ((status = 'certified') = (certified_cents IS NOT NULL)),
  CHECK ((status = 'certified') = (certified_at IS NOT NULL)),
  CHECK (certified_cents IS NULL OR certified_cents BETWEEN least(0, current_payment_due_cents)
         AND greatest(0, current_payment_due_cents))
);
-- Only one application at a time is not yet certified: the last word on two
-- "create the next application" requests at once.
CREATE UNIQUE INDEX pay_applications_one_open ON pay_applications (org_id, project_id)
  WHERE status <> 'certified';

CREATE TABLE pay_application_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  pay_application_id bigint NOT NULL,
  sov_line_id bigint NOT NULL,
  item_no integer NOT NULL CHECK (item_no >= 1),
  description text NOT NULL,
  scheduled_value_cents bigint NOT NULL,       -- C
  previous_cents bigint NOT NULL,              -- D
  this_period_cents bigint NOT NULL,           -- E
  stored_cents bigint NOT NULL,                -- F
  completed_and_stored_cents bigint NOT NULL,  -- G
  percent_complete_bps integer NOT NULL,
  balance_to_finish_cents bigint NOT NULL,     -- H
  retainage_work_cents bigint NOT NULL,
  retainage_stored_cents bigint NOT NULL,
  retainage_cents bigint NOT NULL,             -- I
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, pay_application_id, sov_line_id),
  FOREIGN KEY (org_id, pay_application_id) REFERENCES pay_applications (org_id, id)
    ON DELETE CASCADE,
  FOREIGN KEY (org_id, sov_line_id) REFERENCES schedule_of_values_lines (org_id, id),
  CHECK (completed_and_stored_cents = previous_cents + this_period_cents + stored_cents),
  CHECK (balance_to_finish_cents = scheduled_value_cents - completed_and_stored_cents),
  CHECK (retainage_cents = retainage_work_cents + retainage_stored_cents),
  -- G between 0 and C, on whichever side of 0 C lies (a credit line).
  CHECK (completed_and_stored_cents BETWEEN least(0, scheduled_value_cents)
         AND greatest(0, scheduled_value_cents))
);
CREATE INDEX pay_application_lines_application
  ON pay_application_lines (org_id, pay_application_id, item_no);
