#include "domain/commitment.hpp"

#include <string>

namespace construction::domain {
namespace {

using S = CommitmentStatus;
using A = CommitmentAction;
using K = CommitmentKind;

constexpr StateMachine kCommitment{"a commitment",
                                   EnumNames{std::array{
                                       EnumName<S>{S::draft, "draft"},
                                       EnumName<S>{S::approved, "approved"},
                                       EnumName<S>{S::closed, "closed"},
                                       EnumName<S>{S::void_, "void"},
                                   }},
                                   EnumNames{std::array{
                                       EnumName<A>{A::approve, "approve"},
                                       EnumName<A>{A::close, "close"},
                                       EnumName<A>{A::void_, "void"},
                                   }},
                                   std::array{
                                       Edge<S, A>{S::draft, A::approve, S::approved},
                                       Edge<S, A>{S::approved, A::close, S::closed},
                                       Edge<S, A>{S::draft, A::void_, S::void_},
                                       Edge<S, A>{S::approved, A::void_, S::void_},
                                   }};

constexpr EnumNames kKinds{std::array{
    EnumName<K>{K::subcontract, "subcontract"},
    EnumName<K>{K::purchase_order, "purchase_order"},
}};
constexpr auto kKindNames = kKinds.names();

}  // namespace

std::string_view to_string(CommitmentKind kind) {
  return kKinds.name(kind);
}
std::string_view to_string(CommitmentStatus status) {
  return kCommitment.name(status);
}
std::string_view to_string(CommitmentAction action) {
  return kCommitment.name(action);
}
std::optional<CommitmentKind> parse_commitment_kind(std::string_view name) {
  return kKinds.parse(name);
}
std::optional<CommitmentStatus> parse_commitment_status(std::string_view name) {
  return kCommitment.parse_status(name);
}
std::span<const std::string_view> commitment_kind_names() {
  return kKindNames;
}

Result<CommitmentStatus, InvalidState> transition(CommitmentStatus from, CommitmentAction action) {
  return kCommitment.apply(from, action);
}

std::optional<InvalidState> refuse_edit(CommitmentStatus status) {
  return kCommitment.require(status, S::draft, "edit");
}

BasisPoints default_retainage(CommitmentKind kind) {
  return BasisPoints{kind == K::subcontract ? 1000 : 0};
}

bool is_payee_kind(std::string_view party_kind) {
  return party_kind == "subcontractor" || party_kind == "vendor";
}

std::optional<InvalidState> refuse_approval(int line_count) {
  if (line_count > 0) return std::nullopt;
  return InvalidState{"a commitment without lines cannot be approved"};
}

std::optional<InvalidState> refuse_void(CommitmentStatus status, int bills_against) {
  if (status != S::approved || bills_against == 0) return std::nullopt;
  return InvalidState{"cannot void an approved commitment with " + std::to_string(bills_against) +
                      " bill(s) against it (void the bills first, or close it)"};
}

std::optional<InvalidState> refuse_billing(CommitmentStatus status) {
  if (status == S::approved) return std::nullopt;
  return InvalidState{"cannot bill against a commitment that is " + std::string(to_string(status)) +
                      " (only approved)"};
}

}  // namespace construction::domain
