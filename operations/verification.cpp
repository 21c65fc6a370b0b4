#include "operations/verification.hpp"

#include "domain/hex.hpp"
#include "operations/login_throttle.hpp"
#include "operations/signature_evidence.hpp"
#include "operations/signature_requests.hpp"
#include "sql/signature_request_store.hpp"

namespace construction::operations {

Verification verify_sealed_file(sql::Connection& db, std::string_view file,
                                const std::string& address) {
  Verification verification;
  verification.retry_after = count_verify_upload(db, address).retry_after;
  if (verification.retry_after > 0) return verification;
  std::string sha256 = sha256_bytes(file);
  verification.sha256_hex = domain::hex_digits(sha256);
  if (auto request = sql::find_by_sealed_sha256(db, sha256))
    verification.record =
        VerifiedRecord{request->org_name, request->document_name, request->project_name,
                       request->completed_at.value_or(domain::Timestamp{})};
  return verification;
}

}  // namespace construction::operations
