#include "operations/sealing.hpp"

#include "operations/signature_evidence.hpp"
#include "sql/signature_request_store.hpp"

namespace construction::operations {

// For now the record is the PDF as it was sent: the certificate page comes
// with the sealing proper.
SealedRecord seal_signature_request(sql::Connection& db, std::int64_t org_id,
                                    std::int64_t request_id) {
  SealedRecord sealed;
  sealed.bytes = sql::signature_request_pdf(db, org_id, request_id);
  sealed.sha256 = sha256_bytes(sealed.bytes);
  return sealed;
}

}  // namespace construction::operations
