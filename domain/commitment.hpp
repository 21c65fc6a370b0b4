// Commitment: what the contractor has promised to pay a subcontractor (a
// subcontract) or a supplier (a purchase order) on one project, line by line
// against the budget. Its amount is the sum of its lines; bills against it
// withhold its retainage (10 % by default on a subcontract, none on a PO).
//
//   draft -approve-> approved -close-> closed
//   draft -void-> void;  approved -void-> void while nothing is billed on it
//
// Only a draft may be edited. Approved and closed commitments count as
// committed cost in the budget report.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "domain/money.hpp"
#include "domain/result.hpp"
#include "domain/state_machine.hpp"

namespace construction::domain {

enum class CommitmentKind { subcontract, purchase_order };
enum class CommitmentStatus { draft, approved, closed, void_ };
enum class CommitmentAction { approve, close, void_ };

std::string_view to_string(CommitmentKind kind);
std::string_view to_string(CommitmentStatus status);
std::string_view to_string(CommitmentAction action);
std::optional<CommitmentKind> parse_commitment_kind(std::string_view name);
std::optional<CommitmentStatus> parse_commitment_status(std::string_view name);
// "subcontract, purchase_order": the kinds' names in the table's order.
std::span<const std::string_view> commitment_kind_names();

Result<CommitmentStatus, InvalidState> transition(CommitmentStatus from, CommitmentAction action);
std::optional<InvalidState> refuse_edit(CommitmentStatus status);

// 1000 bps (10 %) on a subcontract, 0 on a purchase order.
BasisPoints default_retainage(CommitmentKind kind);

// Commitments and bills are made with a party of kind subcontractor or
// vendor (either, for either kind of commitment: a subcontractor may sell
// materials on a purchase order).
bool is_payee_kind(std::string_view party_kind);

// Approving needs lines (an empty commitment commits nothing); voiding an
// approved one needs nothing billed against it (`bills_against`: bills not
// void). Both are invalid_state refusals.
std::optional<InvalidState> refuse_approval(int line_count);
std::optional<InvalidState> refuse_void(CommitmentStatus status, int bills_against);

// A bill may be entered or approved against an approved commitment only.
std::optional<InvalidState> refuse_billing(CommitmentStatus status);

}  // namespace construction::domain
