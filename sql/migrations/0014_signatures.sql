-- Signature requests (DESIGN.md, "Signatures (schema and rules)"): an
-- estimate, a change order or a pay application sent to one or more signers,
-- with the exact PDF they are shown, and the evidence of what each did.
--
-- A request keeps the document as it was sent: its version, its name and
-- amount as the intent sentence states them, and the PDF byte for byte with
-- its SHA-256. The document itself may only move on through signing: any new
-- version of it voids its open request here, in the database, in the
-- transaction that made the change (the triggers at the end), so no path
-- that writes a document can forget to.
CREATE TABLE signature_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  document_kind text NOT NULL
    CHECK (document_kind IN ('estimate', 'change_order', 'pay_application')),
  document_id bigint NOT NULL,
  document_version integer NOT NULL CHECK (document_version >= 1),
  -- "Change order CO-003, Added outlets" and its amount, as signed.
  document_name text NOT NULL CHECK (length(btrim(document_name)) >= 1
                                     AND length(document_name) <= 300),
  amount_cents bigint NOT NULL
    CHECK (amount_cents BETWEEN -1000000000000000 AND 1000000000000000),
  pdf bytea NOT NULL CHECK (length(pdf) BETWEEN 1 AND 20000000),
  pdf_sha256 bytea NOT NULL CHECK (length(pdf_sha256) = 32),
  pdf_filename text NOT NULL CHECK (pdf_filename !~ '[\r\n"\\/]'
                                    AND length(pdf_filename) BETWEEN 1 AND 200),
  message text NOT NULL DEFAULT '' CHECK (length(message) <= 5000),
  -- Signers may act through the end of this day (UTC, as every date here).
  expires_on date NOT NULL,
  status text NOT NULL DEFAULT 'sent'
    CHECK (status IN ('sent', 'completed', 'declined', 'voided', 'expired')),
  status_reason text NOT NULL DEFAULT '' CHECK (length(status_reason) <= 2000),
  sent_by bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  completed_at timestamptz,
  sealed_pdf bytea CHECK (length(sealed_pdf) <= 40000000),
  sealed_sha256 bytea CHECK (length(sealed_sha256) = 32),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, sent_by) REFERENCES users (org_id, id),
  CHECK ((status = 'sent') = (ended_at IS NULL)),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  CHECK ((sealed_pdf IS NULL) = (sealed_sha256 IS NULL)),
  CHECK (sealed_pdf IS NULL OR status = 'completed')
);
-- A document's requests, newest first (its page, the API's list), and the
-- one open request a change of the document voids.
CREATE INDEX signature_requests_document
  ON signature_requests (org_id, document_kind, document_id, id);
-- One open request per document: a second would ask the same signers to
-- approve the same thing twice.
CREATE UNIQUE INDEX signature_requests_one_open
  ON signature_requests (org_id, document_kind, document_id) WHERE status = 'sent';
-- /verify: an uploaded file's SHA-256 to its sealed record.
CREATE INDEX signature_requests_sealed ON signature_requests (sealed_sha256)
  WHERE sealed_sha256 IS NOT NULL;

-- One row per signer. Their link's token (256 random bits) and the secret of
-- their signer session are kept only as SHA-256; their one-time code as the
-- SHA-256 of the code salted with the signer's id (operations/signing.cpp).
CREATE TABLE signature_signers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL,
  request_id bigint NOT NULL,
  position integer NOT NULL CHECK (position BETWEEN 1 AND 20),
  name text NOT NULL CHECK (length(btrim(name)) >= 1 AND length(name) <= 200),
  email text NOT NULL CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$' AND length(email) <= 254),
  role text NOT NULL CHECK (role IN ('client', 'owner', 'architect', 'lender')),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'viewed', 'approved', 'declined')),
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  session_hash bytea CHECK (length(session_hash) = 32),
  code_hash bytea CHECK (length(code_hash) = 32),
  code_expires_at timestamptz,
  code_tries integer NOT NULL DEFAULT 0 CHECK (code_tries BETWEEN 0 AND 5),
  code_accepted_at timestamptz,
  consent_version text CHECK (length(consent_version) <= 50),
  consent_sha256 bytea CHECK (length(consent_sha256) = 32),
  consented_at timestamptz,
  typed_name text CHECK (length(btrim(typed_name)) >= 1 AND length(typed_name) <= 200),
  decided_at timestamptz,
  decline_reason text CHECK (length(btrim(decline_reason)) >= 1 AND length(decline_reason) <= 2000),
  UNIQUE (org_id, id),
  UNIQUE (request_id, position),
  FOREIGN KEY (org_id, request_id) REFERENCES signature_requests (org_id, id),
  CHECK ((code_hash IS NULL) = (code_expires_at IS NULL)),
  CHECK ((consent_version IS NULL) = (consented_at IS NULL)
         AND (consent_version IS NULL) = (consent_sha256 IS NULL)),
  CHECK (consented_at IS NULL OR code_accepted_at IS NOT NULL),
  CHECK ((status = 'approved') = (typed_name IS NOT NULL)),
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
  CHECK ((status IN ('approved', 'declined')) = (decided_at IS NOT NULL)),
  CHECK (status <> 'approved' OR consented_at IS NOT NULL)
);
CREATE INDEX signature_signers_request ON signature_signers (org_id, request_id, position);

-- The evidence: what happened to a request, when (UTC), by which signer,
-- from which address and user agent. Append-only: the trigger below refuses
-- UPDATE, DELETE and TRUNCATE whoever asks, the table's owner included (a
-- REVOKE alone would not bind the owner, and the application's role is
-- often the owner).
CREATE TABLE signature_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL,
  request_id bigint NOT NULL,
  signer_id bigint,
  type text NOT NULL
    CHECK (type IN ('sent', 'viewed', 'code_sent', 'code_accepted', 'code_rejected', 'consented',
                    'approved', 'declined', 'expired', 'voided', 'completed')),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  ip text NOT NULL DEFAULT '' CHECK (length(ip) <= 100),
  user_agent text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 1000),
  detail text NOT NULL DEFAULT '' CHECK (length(detail) <= 2000),
  FOREIGN KEY (org_id, request_id) REFERENCES signature_requests (org_id, id),
  FOREIGN KEY (org_id, signer_id) REFERENCES signature_signers (org_id, id)
);
-- A request's events in order; a signer's codes sent lately (the rate limit).
CREATE INDEX signature_events_request ON signature_events (org_id, request_id, id);
CREATE INDEX signature_events_signer ON signature_events (signer_id, type, at)
  WHERE signer_id IS NOT NULL;

CREATE FUNCTION signature_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'signature_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER signature_events_no_update_delete
  BEFORE UPDATE OR DELETE ON signature_events
  FOR EACH ROW EXECUTE FUNCTION signature_events_append_only();
CREATE TRIGGER signature_events_no_truncate
  BEFORE TRUNCATE ON signature_events
  FOR EACH STATEMENT EXECUTE FUNCTION signature_events_append_only();

-- Voiding on change. Every write to a document bumps its version (the
-- stores' UPDATEs all say version = version + 1), and a revised estimate is
-- a new row pointing at the one it revises: these triggers see both, from
-- any path, in the writing transaction. Completion marks its request
-- completed before it moves the document, so it finds no open request.
-- One plpgsql function (its statement's plan cached per session): a SQL
-- function called from the trigger was planned again at every call and
-- cost a document write about 100 us more; this costs about 10.
-- TG_ARGV: the document's kind and how a person calls it.
CREATE FUNCTION signature_requests_void_on_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed_id bigint := NEW.id;
  reason text := 'The ' || TG_ARGV[1] || ' changed after it was sent for signature';
BEGIN
  IF TG_OP = 'INSERT' THEN  -- a revision: the estimate it revises changed
    changed_id := NEW.revised_from_id;
    reason := 'The ' || TG_ARGV[1] || ' was revised after it was sent for signature';
  END IF;
  WITH voided AS (
    UPDATE signature_requests r SET status = 'voided', status_reason = reason, ended_at = now()
    WHERE r.org_id = NEW.org_id AND r.document_kind = TG_ARGV[0]
      AND r.document_id = changed_id AND r.status = 'sent'
    RETURNING r.org_id, r.id)
  INSERT INTO signature_events (org_id, request_id, type, detail)
  SELECT org_id, id, 'voided', reason FROM voided;
  RETURN NULL;
END
$$;
CREATE TRIGGER estimates_void_signature_requests
  AFTER UPDATE ON estimates FOR EACH ROW WHEN (NEW.version <> OLD.version)
  EXECUTE FUNCTION signature_requests_void_on_change('estimate', 'estimate');
CREATE TRIGGER estimates_revision_voids_signature_requests
  AFTER INSERT ON estimates FOR EACH ROW WHEN (NEW.revised_from_id IS NOT NULL)
  EXECUTE FUNCTION signature_requests_void_on_change('estimate', 'estimate');
CREATE TRIGGER change_orders_void_signature_requests
  AFTER UPDATE ON change_orders FOR EACH ROW WHEN (NEW.version <> OLD.version)
  EXECUTE FUNCTION signature_requests_void_on_change('change_order', 'change order');
CREATE TRIGGER pay_applications_void_signature_requests
  AFTER UPDATE ON pay_applications FOR EACH ROW WHEN (NEW.version <> OLD.version)
  EXECUTE FUNCTION signature_requests_void_on_change('pay_application', 'pay application');
