// Which documents may be emailed, in which states (DESIGN.md, "Sending
// documents"). A draft goes out with its transition (an estimate or an
// invoice becomes sent, a change order or a pay application submitted); a
// document past draft that still stands may go again, unchanged (a copy to
// the lender, a lost email). What no longer stands is never sent: a declined
// estimate (revise it), a rejected or void change order, a void invoice.
#pragma once

#include <optional>

#include "domain/change_order.hpp"
#include "domain/estimate.hpp"
#include "domain/invoice.hpp"
#include "domain/pay_application.hpp"
#include "domain/state_machine.hpp"

namespace construction::domain {

std::optional<InvalidState> refuse_sending(EstimateStatus status);
std::optional<InvalidState> refuse_sending(ChangeOrderStatus status);
std::optional<InvalidState> refuse_sending(PayApplicationStatus status);
std::optional<InvalidState> refuse_sending(InvoiceStatus status);

}  // namespace construction::domain
