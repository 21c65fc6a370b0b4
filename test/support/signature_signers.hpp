// The signers of a signature request, for the tests of the office's side:
// each signs as the signer's path does it (continue, code, consent, typed
// name), through operations/signing.hpp on the server's own database, with
// the link the server emailed them (read from its outbox). What the office
// then sees of a completed request is what those tests check; the signer's
// pages have tests of their own.
#pragma once

#include <string>

#include "operations/signing.hpp"
#include "test/support/scratch_database.hpp"

namespace construction::testing {

// The signer of `email` signs the newest request emailed to them, typing
// `typed_name`; the approval's outcome (completed for the last of them).
operations::Approval sign_as(const ScratchDatabase& db, const std::string& email,
                             const std::string& typed_name);

}  // namespace construction::testing
