// libsodium must be initialised once per process before its first use
// (random bytes, Argon2id, constant-time compares); sodium_init is cheap and
// idempotent, so each use asks for it rather than relying on start-up order.
#pragma once

namespace construction::operations {

void ensure_sodium();

}  // namespace construction::operations
