-- Web sessions that can end (views/session.hpp, operations/sessions.hpp).
-- The signed cookie still says who is logged in and when they were last
-- seen; this row says whether that session may still be used. One row per
-- log-in (none for visitors who are not logged in, none per request), found
-- by the SHA-256 of the cookie's 128-bit nonce: a copy of this table gives
-- nobody a cookie. Logging out sets ended_at; a password change or reset, a
-- role change and a deactivation end every row of that user, in the same
-- transaction as the change. A session is over, whatever its cookie says,
-- once ended or a day after its creation (the absolute lifetime).
CREATE TABLE sessions (
  key_hash bytea PRIMARY KEY CHECK (length(key_hash) = 32),
  org_id bigint NOT NULL,
  user_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
-- Ending a user's sessions finds the live ones by user.
CREATE INDEX sessions_user ON sessions (org_id, user_id) WHERE ended_at IS NULL;
-- Rows past the lifetime are deleted by age, at log-in.
CREATE INDEX sessions_created ON sessions (created_at);

-- Failed log-ins are now also counted per account and address together,
-- and per device cookie (operations/login_throttle.hpp).
ALTER TABLE login_throttles DROP CONSTRAINT login_throttles_scope_check,
  ADD CONSTRAINT login_throttles_scope_check
    CHECK (scope IN ('account', 'account_address', 'address', 'device'));
