// A change order's life after drafting: submit, approve, reject, void. Each
// runs in one transaction with the order's row locked (FOR UPDATE), so of two
// approvals at the same moment the second waits, then finds the order
// approved and is refused (invalid_state): an order is approved once.
//   submit   refuses an order without lines (invalid_state): there is
//            nothing for the owner to decide on;
//   approve  also locks the project (approvals of two orders of one project
//            take item numbers one after the other), refuses an amount that
//            would take the contract sum below zero (field amount_cents),
//            and adds the order's schedule-of-values line, which changes the
//            contract sum to date (original + approved orders) once: a
//            unique index on the line's change_order_id is the last word.
//            A draft pay application gains the line (at 0) and follows the
//            new contract sum.
#pragma once

#include "domain/change_order.hpp"
#include "operations/change_order_document.hpp"

namespace construction::operations {

ChangeOrderDocument transition_change_order(sql::Connection& db, std::int64_t org_id,
                                            std::int64_t id, domain::ChangeOrderAction action);

}  // namespace construction::operations
