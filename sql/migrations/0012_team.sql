-- The team page (/account): a per-user session epoch, invitations and
-- password resets.
--
-- session_epoch is sealed into every session cookie a log-in gives
-- (views/session.hpp) and compared by the member read each page already
-- makes: a password change or reset, a new email, a role change and a
-- deactivation add one, and every cookie sealed before opens nothing,
-- whatever its session's row says.
ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 1 CHECK (session_epoch >= 1);

-- An owner's invitation to join the organisation with a role. The link
-- carries 256 random bits; only their SHA-256 is kept, so a copy of this
-- table accepts nothing. Valid seven days, once: accepting sets
-- accepted_at (and makes the user) in one transaction; a new invitation to
-- the same address, or a cancellation, sets cancelled_at.
CREATE TABLE invitations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES organisations (id),
  email text NOT NULL CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$' AND length(email) <= 254),
  role text NOT NULL CHECK (role IN ('owner', 'manager', 'field')),
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  invited_by bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  user_id bigint,
  cancelled_at timestamptz,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, invited_by) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id),
  CHECK ((accepted_at IS NULL) = (user_id IS NULL))
);
-- The organisation's pending invitations, on the team page.
CREATE INDEX invitations_pending ON invitations (org_id, lower(email))
  WHERE accepted_at IS NULL AND cancelled_at IS NULL;

-- A "forgot your password?" link: 256 random bits, only their SHA-256
-- kept, valid 30 minutes, once. A request for an address nobody uses
-- writes its row too, with no user (the same work either way, and a trace
-- of who asks for what); such a row can never be used.
CREATE TABLE password_resets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  org_id bigint,
  user_id bigint,
  email text NOT NULL CHECK (length(email) <= 254),
  address text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id),
  CHECK ((org_id IS NULL) = (user_id IS NULL))
);
-- A reset used ends the user's other links; old rows go by age.
CREATE INDEX password_resets_user ON password_resets (org_id, user_id) WHERE used_at IS NULL;
CREATE INDEX password_resets_created ON password_resets (created_at);

-- Asking for reset links is throttled like log-ins, under keys of its own
-- (operations/login_throttle.hpp): asking never blocks anyone's log-in.
ALTER TABLE login_throttles DROP CONSTRAINT login_throttles_scope_check,
  ADD CONSTRAINT login_throttles_scope_check
    CHECK (scope IN ('account', 'account_address', 'address', 'device', 'reset_account',
                     'reset_address'));
