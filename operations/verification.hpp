// /verify: is a file someone holds the sealed record of a completed
// signature request? The file is hashed (SHA-256) and the hash looked up
// among every organisation's sealed records (an index on sealed_sha256).
// Only a sealed record matches: the PDF as it was sent (the request's
// `pdf`) is what a signer was asked to sign, not proof that anyone signed,
// and a declined or voided request has one too, so it is not looked up.
//
// Anyone may ask, logged in or not: whoever holds a sealed record has read
// everything the answer says (its certificate says more). Uploads are
// counted per client address (operations/login_throttle.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.hpp"
#include "sql/connection.hpp"

namespace construction::operations {

struct VerifiedRecord {
  std::string organisation;
  std::string document_name;  // "Change order CO-003, Added outlets"
  std::string project_name;   // "Harper kitchen remodel"
  domain::Timestamp completed_at{};
};

struct Verification {
  std::int64_t retry_after = 0;  // seconds; > 0: too many uploads, nothing looked up
  std::string sha256_hex;        // of the file, 64 lowercase hex digits
  std::optional<VerifiedRecord> record;
};

// `address`: the client's, after the trusted proxy rule.
Verification verify_sealed_file(sql::Connection& db, std::string_view file,
                                const std::string& address);

}  // namespace construction::operations
