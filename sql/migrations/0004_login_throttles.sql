-- Failed log-ins, counted per account (the email as typed, lower-cased:
-- known or not, so the answer never tells which) and per client address.
-- Shared by every worker and host, so no worker can be asked again and again
-- behind another's back. The rules are operations/login_throttle.hpp's.
CREATE TABLE login_throttles (
  scope text NOT NULL CHECK (scope IN ('account', 'address')),
  key text NOT NULL CHECK (octet_length(key) <= 2000),  -- within a btree entry
  failures integer NOT NULL CHECK (failures >= 1),
  last_failure_at timestamptz NOT NULL,
  blocked_until timestamptz,
  PRIMARY KEY (scope, key)
);
-- Old rows are forgotten by age.
CREATE INDEX login_throttles_last_failure ON login_throttles (last_failure_at);

-- A deactivated user's tokens are now revoked with the deactivation, so that
-- reactivating the user does not bring them back; the users deactivated
-- before this migration get the same.
UPDATE api_tokens t SET revoked_at = now()
FROM users u
WHERE u.org_id = t.org_id AND u.id = t.user_id AND NOT u.active AND t.revoked_at IS NULL;
