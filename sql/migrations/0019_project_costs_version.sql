-- A change counter per project for the dashboard's margin check (DESIGN.md,
-- "The dashboard's margin check, kept per project"): each worker keeps the
-- margins the job cost report drew for a project under the counter it read,
-- and sums the project again only when the counter moved. The counter moves
-- here, in the transaction of every write that can change the report's sums
-- or the project's margin, so that no write path (a store, an operation, a
-- script) can forget it; a write the report does not count (a draft's line,
-- a pending change order, a bill still a draft) leaves the project's row
-- alone and takes no lock on it.
ALTER TABLE projects ADD COLUMN costs_version bigint NOT NULL DEFAULT 0;

-- The project's own figure in the margin: its original contract sum.
CREATE FUNCTION projects_costs_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.costs_version := OLD.costs_version + 1;
  RETURN NEW;
END $$;
CREATE TRIGGER projects_costs_version BEFORE UPDATE OF original_contract_sum_cents ON projects
  FOR EACH ROW WHEN (NEW.original_contract_sum_cents IS DISTINCT FROM OLD.original_contract_sum_cents)
  EXECUTE FUNCTION projects_costs_version();

-- A budget transfer always counts.
CREATE FUNCTION budget_transfers_costs_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects SET costs_version = costs_version + 1
  WHERE (org_id, id) IN ((OLD.org_id, OLD.project_id), (NEW.org_id, NEW.project_id));
  RETURN NULL;
END $$;
CREATE TRIGGER budget_transfers_costs_version AFTER INSERT OR UPDATE OR DELETE ON budget_transfers
  FOR EACH ROW EXECUTE FUNCTION budget_transfers_costs_version();

-- A document moves its project's counter when its row counts in the report
-- before or after the write: a status change into or out of counting, a
-- counted document's figures, its deletion. TG_ARGV: the statuses that
-- count. (OLD is null on an insert, NEW on a delete: that row is no match.)
CREATE FUNCTION document_costs_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects SET costs_version = costs_version + 1
  WHERE (org_id = OLD.org_id AND id = OLD.project_id AND OLD.status = ANY (TG_ARGV))
     OR (org_id = NEW.org_id AND id = NEW.project_id AND NEW.status = ANY (TG_ARGV));
  RETURN NULL;
END $$;
CREATE TRIGGER estimates_costs_version AFTER INSERT OR UPDATE OR DELETE ON estimates
  FOR EACH ROW EXECUTE FUNCTION document_costs_version('accepted');
CREATE TRIGGER change_orders_costs_version AFTER INSERT OR UPDATE OR DELETE ON change_orders
  FOR EACH ROW EXECUTE FUNCTION document_costs_version('approved');
CREATE TRIGGER commitments_costs_version AFTER INSERT OR UPDATE OR DELETE ON commitments
  FOR EACH ROW EXECUTE FUNCTION document_costs_version('approved', 'closed');
-- The statuses of SQL_COUNTED_VENDOR_BILL (sql/counted_vendor_bills.hpp).
CREATE TRIGGER vendor_bills_costs_version AFTER INSERT OR UPDATE OR DELETE ON vendor_bills
  FOR EACH ROW EXECUTE FUNCTION document_costs_version('approved', 'paid');

-- A line moves its document's project's counter while the document counts.
-- A line deleted with its document (ON DELETE CASCADE) finds no document:
-- the document's own trigger moved the counter.
CREATE FUNCTION estimate_lines_costs_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects p SET costs_version = p.costs_version + 1 FROM estimates d
  WHERE d.org_id = coalesce(NEW.org_id, OLD.org_id) AND d.id IN (OLD.estimate_id, NEW.estimate_id)
    AND d.status = 'accepted' AND p.org_id = d.org_id AND p.id = d.project_id;
  RETURN NULL;
END $$;
CREATE TRIGGER estimate_lines_costs_version AFTER INSERT OR UPDATE OR DELETE ON estimate_lines
  FOR EACH ROW EXECUTE FUNCTION estimate_lines_costs_version();

CREATE FUNCTION change_order_lines_costs_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects p SET costs_version = p.costs_version + 1 FROM change_orders d
  WHERE d.org_id = coalesce(NEW.org_id, OLD.org_id)
    AND d.id IN (OLD.change_order_id, NEW.change_order_id)
    AND d.status = 'approved' AND p.org_id = d.org_id AND p.id = d.project_id;
  RETURN NULL;
END $$;
CREATE TRIGGER change_order_lines_costs_version
  AFTER INSERT OR UPDATE OR DELETE ON change_order_lines
  FOR EACH ROW EXECUTE FUNCTION change_order_lines_costs_version();

CREATE FUNCTION commitment_lines_costs_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects p SET costs_version = p.costs_version + 1 FROM commitments d
  WHERE d.org_id = coalesce(NEW.org_id, OLD.org_id)
    AND d.id IN (OLD.commitment_id, NEW.commitment_id)
    AND d.status IN ('approved', 'closed') AND p.org_id = d.org_id AND p.id = d.project_id;
  RETURN NULL;
END $$;
CREATE TRIGGER commitment_lines_costs_version AFTER INSERT OR UPDATE OR DELETE ON commitment_lines
  FOR EACH ROW EXECUTE FUNCTION commitment_lines_costs_version();

CREATE FUNCTION vendor_bill_lines_costs_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projects p SET costs_version = p.costs_version + 1 FROM vendor_bills d
  WHERE d.org_id = coalesce(NEW.org_id, OLD.org_id)
    AND d.id IN (OLD.vendor_bill_id, NEW.vendor_bill_id)
    AND d.status IN ('approved', 'paid') AND p.org_id = d.org_id AND p.id = d.project_id;
  RETURN NULL;
END $$;
CREATE TRIGGER vendor_bill_lines_costs_version AFTER INSERT OR UPDATE OR DELETE ON vendor_bill_lines
  FOR EACH ROW EXECUTE FUNCTION vendor_bill_lines_costs_version();
