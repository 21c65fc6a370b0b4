-- A project accepts one estimate (estimates_one_accepted). Once it has, its
-- other estimates can never be accepted, so a signature request open on one
-- of them would ask a client to sign what the product must refuse: the
-- acceptance voids those requests, in its own transaction, whatever path
-- accepted (the office, the API, another request's last signature). A
-- signer of a voided request finds their link opens nothing.
CREATE FUNCTION signature_requests_void_on_acceptance() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  reason text := 'Another estimate of the project was accepted';
BEGIN
  WITH voided AS (
    UPDATE signature_requests r SET status = 'voided', status_reason = reason, ended_at = now()
    FROM estimates e
    WHERE e.org_id = NEW.org_id AND e.project_id = NEW.project_id AND e.id <> NEW.id
      AND r.org_id = e.org_id AND r.document_kind = 'estimate' AND r.document_id = e.id
      AND r.status = 'sent'
    RETURNING r.org_id, r.id)
  INSERT INTO signature_events (org_id, request_id, type, detail)
  SELECT org_id, id, 'voided', reason FROM voided;
  RETURN NULL;
END
$$;
CREATE TRIGGER estimates_acceptance_voids_other_requests
  AFTER UPDATE ON estimates FOR EACH ROW
  WHEN (NEW.status = 'accepted' AND OLD.status <> 'accepted')
  EXECUTE FUNCTION signature_requests_void_on_acceptance();
