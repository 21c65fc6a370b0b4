#include "domain/document_sending.hpp"

#include <string>

namespace construction::domain {

namespace {

template <class Status>
std::optional<InvalidState> refuse(Status status, std::string_view document, bool stands) {
  if (stands) return std::nullopt;
  return InvalidState{"cannot send " + std::string(document) + " that is " +
                      std::string(to_string(status))};
}

}  // namespace

std::optional<InvalidState> refuse_sending(EstimateStatus status) {
  return refuse(status, "an estimate", status != EstimateStatus::declined);
}

std::optional<InvalidState> refuse_sending(ChangeOrderStatus status) {
  return refuse(status, "a change order",
                status != ChangeOrderStatus::rejected && status != ChangeOrderStatus::void_);
}

std::optional<InvalidState> refuse_sending(PayApplicationStatus status) {
  return refuse(status, "a pay application", true);
}

std::optional<InvalidState> refuse_sending(InvoiceStatus status) {
  return refuse(status, "an invoice", status != InvoiceStatus::void_);
}

}  // namespace construction::domain
