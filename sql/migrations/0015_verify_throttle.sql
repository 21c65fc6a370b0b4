-- /verify (a public upload of a sealed PDF) is throttled per client address
-- with the log-in counters, under a key of its own (operations/login_throttle.hpp):
-- checking files never blocks anyone's log-in or reset link.
ALTER TABLE login_throttles DROP CONSTRAINT login_throttles_scope_check,
  ADD CONSTRAINT login_throttles_scope_check
    CHECK (scope IN ('account', 'account_address', 'address', 'device', 'reset_account',
                     'reset_address', 'verify_address'));
