-- Signers told when a request ends without them (DESIGN.md, "Signers told
-- of a request that ended without them"). A request voided (by the office,
-- or by its document changing), expired, or declined by another signer
-- leaves its undecided signers with a link that opens "This link is no
-- longer valid" and nothing else; `construction mailer` now emails them,
-- and tells the sender of an expiry.
-- `signers_told_at` is when those emails were queued; a request ended
-- before this migration counts as told (nobody gets a stale email on the
-- day it is applied).
ALTER TABLE signature_requests ADD COLUMN signers_told_at timestamptz;
UPDATE signature_requests SET signers_told_at = ended_at
  WHERE status IN ('voided', 'expired', 'declined');

-- What the mailer looks for on every turn: few rows, whatever the history.
CREATE INDEX signature_requests_untold ON signature_requests (id)
  WHERE status IN ('voided', 'expired', 'declined') AND signers_told_at IS NULL;
-- And what it expires: the open requests, by their last day.
CREATE INDEX signature_requests_open_expiry ON signature_requests (expires_on)
  WHERE status = 'sent';

-- A request that ends untold wakes the mailer at commit, whichever path
-- ended it (an operation, a document's trigger, the expiry).
CREATE FUNCTION signature_requests_wake_mailer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER signature_requests_wake_mailer AFTER UPDATE OF status ON signature_requests
  FOR EACH ROW WHEN (NEW.status IN ('voided', 'expired', 'declined') AND OLD.status = 'sent')
  EXECUTE FUNCTION signature_requests_wake_mailer();
