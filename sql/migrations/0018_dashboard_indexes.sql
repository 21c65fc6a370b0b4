-- The dashboard's three lists of what waits on the office read across every
-- project of the organisation, and each kept only a handful of rows out of
-- its whole history: every change order to find the pending ones, every
-- invoice to find the overdue ones, every daily log to find today's. Five
-- years of history made each a sequential scan that grew with the
-- organisation (DESIGN.md, "Cost at scale"). Each index holds the rows the
-- list reads, in its order, so a dashboard costs the same at any age.

-- Pending change orders, oldest first: few at any time (a client decides),
-- so the index stays small however many were ever approved.
CREATE INDEX change_orders_pending ON change_orders (org_id, id) WHERE status = 'pending';

-- Overdue invoices, by due date: only invoices that can still be owed
-- (sent, partly paid); paid and void ones, most of the history, are left out.
CREATE INDEX invoices_open_by_due_date ON invoices (org_id, due_date, id)
  WHERE status IN ('sent', 'partially_paid');

-- Today's daily logs of every project: one day's logs out of all of them.
CREATE INDEX daily_logs_org_date ON daily_logs (org_id, log_date);
