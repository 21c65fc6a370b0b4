-- The outbox (operations/outbox.hpp): every email the product sends is a row
-- here, written in the transaction of the action that sends it, so that the
-- action and its message commit together or not at all. `construction
-- mailer` claims due rows (FOR UPDATE SKIP LOCKED), sends them over SMTP and
-- records each attempt. Nothing is sent from inside a request.
--
-- record names what the message is about ("invoice:12"), NULL for an
-- invitation or a password reset. message_id is fixed here, at queueing, so
-- that a retry resends the same Message-ID. Header values hold no CR or LF
-- (the checks below), whatever wrote the row.
CREATE TABLE messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  record text CHECK (record ~ '^[a-z_]+:[0-9]+$'),
  sent_by bigint,
  to_addresses text[] NOT NULL CHECK (cardinality(to_addresses) BETWEEN 1 AND 50),
  cc_addresses text[] NOT NULL DEFAULT '{}' CHECK (cardinality(cc_addresses) <= 50),
  reply_to_name text CHECK (reply_to_name !~ '[\r\n]' AND length(reply_to_name) <= 200),
  reply_to_address text CHECK (reply_to_address !~ '[\r\n]' AND length(reply_to_address) <= 254),
  subject text NOT NULL CHECK (subject !~ '[\r\n]' AND length(subject) <= 500),
  text_body text NOT NULL CHECK (length(text_body) <= 100000),
  html_body text NOT NULL DEFAULT '' CHECK (length(html_body) <= 200000),
  attachment_filename text CHECK (attachment_filename !~ '[\r\n"\\/]'
                                  AND length(attachment_filename) BETWEEN 1 AND 200),
  attachment_content_type text CHECK (attachment_content_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
  attachment bytea CHECK (length(attachment) <= 20000000),
  message_id text NOT NULL UNIQUE CHECK (message_id ~ '^<[A-Za-z0-9.@_-]+>$'),
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sent', 'retrying', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, sent_by) REFERENCES users (org_id, id),
  CHECK ((attachment IS NULL) = (attachment_filename IS NULL)
         AND (attachment IS NULL) = (attachment_content_type IS NULL)),
  CHECK ((reply_to_address IS NULL) <= (reply_to_name IS NULL)),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
-- The mailer's claim: the waiting messages (queued or retrying) in the order
-- they fall due, so that claiming one reads one index entry, however many
-- wait; sent and failed messages leave it.
CREATE INDEX messages_claim ON messages (next_attempt_at, id)
  WHERE status IN ('queued', 'retrying');
-- What was sent for one record, newest first.
CREATE INDEX messages_record ON messages (org_id, record, id) WHERE record IS NOT NULL;

-- One row per attempt to send a message: when, how it ended, and the SMTP
-- server's answer (or why there was none: connection refused, timeout).
CREATE TABLE message_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL,
  message_id bigint NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  outcome text NOT NULL CHECK (outcome IN ('sent', 'temporary_failure', 'permanent_failure')),
  answer text NOT NULL DEFAULT '' CHECK (length(answer) <= 2000),
  FOREIGN KEY (org_id, message_id) REFERENCES messages (org_id, id)
);
CREATE INDEX message_attempts_message ON message_attempts (org_id, message_id, id);
