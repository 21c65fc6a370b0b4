// A commitment's life after drafting: approve, close, void
// (Commitments::transition, operations/amount_document.hpp). Each runs in
// one transaction with the commitment's row locked (FOR UPDATE), so of two
// approvals at the same moment the second waits, then finds it approved
// and is refused (invalid_state). Beyond the table of edges
// (domain/commitment.hpp), CommitmentShape::check_transition here:
//   approve  refuses a commitment without lines: it would commit nothing;
//   void     of an approved commitment refuses while any bill against it is
//            not void (the bills take the same lock when they name it, so
//            none can slip in between the count and the void).
#pragma once

#include "domain/commitment.hpp"
#include "operations/commitment_document.hpp"

namespace construction::operations {

inline constexpr auto transition_commitment = &Commitments::transition;

}  // namespace construction::operations
