// A pay application's life: submit (its figures freeze), certify (the
// architect's amount, at most the current payment due, possibly less; it
// creates the application's invoice, operations/invoice_document.hpp), and
// return (back to draft, brought up to date with the schedule of values).
// Each runs in one transaction with the application's row locked.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "domain/pay_application.hpp"
#include "operations/pay_application_document.hpp"

namespace construction::operations {

// `expected_version`: the application's version the caller decided on (a
// certificate's amount is decided on the figures shown), stale_version
// otherwise. `read_certified`: for certify, the amount the caller
// certifies, read once the application is found and may be certified (404
// and 409 before 422).
PayApplicationDocument transition_pay_application(
    sql::Connection& db, std::int64_t org_id, std::int64_t id, domain::PayApplicationAction action,
    std::optional<int> expected_version = std::nullopt,
    const std::function<std::int64_t()>& read_certified = {});

}  // namespace construction::operations
