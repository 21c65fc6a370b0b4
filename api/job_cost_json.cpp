#include "api/job_cost_json.hpp"

#include <cstdint>

#include "api/rfc3339.hpp"
#include "domain/commitment.hpp"
#include "operations/estimate_document.hpp"

namespace construction::api {

namespace {

// cost_code and cost_type of a budget key; the domain judges them.
void read_cost_key(FieldReader& in, std::string& cost_code, std::string& cost_type) {
  if (auto v = in.text("cost_code", {20})) cost_code = *v;
  if (auto v = in.text("cost_type", {20})) cost_type = *v;
}

sql::BudgetKey read_budget_key(FieldReader& parent, std::string_view name) {
  sql::BudgetKey key;
  const JsonValue* object = parent.object(name);
  if (!object) return key;
  std::string prefix = parent.prefix() + std::string(name) + ".";
  FieldReader in(*object, parent.errors(), prefix);
  in.require({"cost_code", "cost_type"});
  read_cost_key(in, key.cost_code, key.cost_type);
  in.finish();
  if (!key.cost_code.empty() || !key.cost_type.empty())
    domain::check_cost_key(key.cost_code, key.cost_type, in.errors(), prefix);
  return key;
}

void write_key(JsonWriter& w, std::string_view name, const sql::BudgetKey& key) {
  w.key(name)
      .begin_object()
      .str("cost_code", key.cost_code)
      .str("cost_type", key.cost_type)
      .end_object();
}

}  // namespace

std::optional<sql::AmountLineFields> read_amount_line(FieldReader& in, sql::AmountLineFields line,
                                                      bool creating, domain::AmountSign sign) {
  std::size_t errors_before = in.errors().size();
  if (creating) in.require({"cost_code", "cost_type", "description", "amount_cents"});
  read_cost_key(in, line.cost_code, line.cost_type);
  if (auto v = in.text("description", {domain::kMaxDescriptionLength})) line.description = *v;
  if (auto v = in.integer("amount_cents", -domain::kMaxCents, domain::kMaxCents))
    line.amount_cents = domain::Cents{*v};
  in.finish();
  // The domain's rules run even after a refusal above, so every bad field is
  // named at once; the first message given for a field is the one kept.
  in.errors().merge(
      domain::check_amount_line(
          {line.cost_code, line.cost_type, line.description, line.amount_cents.value}, sign),
      in.prefix());
  if (in.errors().size() != errors_before) return std::nullopt;
  return line;
}

std::vector<sql::AmountLineFields> read_new_amount_lines(FieldReader& in, domain::AmountSign sign) {
  return read_objects<sql::AmountLineFields>(
      in, "lines", operations::kMaxLinesPerRequest,
      [&](FieldReader& line_in, std::size_t) { return read_amount_line(line_in, {}, true, sign); });
}

void write_amount_line(JsonWriter& w, const sql::AmountLineRecord& line,
                       std::string_view document_key) {
  w.begin_object()
      .num("id", line.id)
      .num(document_key, line.document_id)
      .str("cost_code", line.fields.cost_code)
      .str("cost_type", line.fields.cost_type)
      .str("description", line.fields.description)
      .num("amount_cents", line.fields.amount_cents.value)
      .num("version", line.version)
      .str("created_at", rfc3339(line.created_at))
      .str("updated_at", rfc3339(line.updated_at))
      .end_object();
}

void read_commitment_fields(FieldReader& in, sql::CommitmentFields& c, bool* retainage_given) {
  if (auto v = in.text("number", {50, false})) c.number = *v;
  if (auto v = in.choice("kind", domain::commitment_kind_names()))
    c.kind = *domain::parse_commitment_kind(*v);
  if (auto v = in.integer("party_id", 1, INT64_MAX)) c.party_id = *v;
  if (auto v = in.text("title", {200, false})) c.title = *v;
  if (auto v = in.integer("retainage_bps", 0, domain::kBasisPointsPerWhole)) {
    c.retainage_bps = *v;
    if (retainage_given) *retainage_given = true;
  }
}

void write_commitment_fields(JsonWriter& w, const sql::CommitmentRecord& c) {
  w.num("id", c.id)
      .num("project_id", c.project_id)
      .str("number", c.fields.number)
      .str("kind", to_string(c.fields.kind))
      .num("party_id", c.fields.party_id)
      .str("title", c.fields.title)
      .str("status", to_string(c.status))
      .num("retainage_bps", c.fields.retainage_bps)
      .num("amount_cents", c.amount_cents.value)
      .num("billed_cents", c.billed_cents.value)
      .num("remaining_cents", (c.amount_cents - c.billed_cents).value)
      .opt_str("approved_at", rfc3339(c.approved_at))
      .num("version", c.version)
      .str("created_at", rfc3339(c.created_at))
      .str("updated_at", rfc3339(c.updated_at));
}

void read_vendor_bill_fields(FieldReader& in, sql::VendorBillFields& b, bool dated) {
  if (auto v = in.text("number", {50, false})) b.number = *v;
  if (auto v = in.integer("party_id", 1, INT64_MAX)) b.party_id = *v;
  if (auto v = in.nullable_id("commitment_id"); v.present) b.commitment_id = v.value;
  if (auto v = in.nullable_date("bill_date"); v.present) {
    if (v.value) {
      b.bill_date = *v.value;
      dated = true;
    } else {
      in.errors().add(in.prefix() + "bill_date", "is required");
    }
  }
  if (auto v = in.nullable_date("due_date"); v.present) b.due_date = v.value;
  if (b.due_date && dated && *b.due_date < b.bill_date &&
      !in.errors().has(in.prefix() + "due_date"))
    in.errors().add(in.prefix() + "due_date", "must be on or after bill_date");
}

void write_vendor_bill_fields(JsonWriter& w, const sql::VendorBillRecord& b) {
  w.num("id", b.id)
      .num("project_id", b.project_id)
      .str("number", b.fields.number)
      .num("party_id", b.fields.party_id)
      .opt_num("commitment_id", b.fields.commitment_id)
      .str("bill_date", domain::iso_date(b.fields.bill_date))
      .opt_str("due_date", b.fields.due_date ? std::optional(domain::iso_date(*b.fields.due_date))
                                             : std::nullopt)
      .str("status", to_string(b.status))
      .num("amount_cents", b.amounts.amount_cents.value)
      .num("retainage_cents", b.amounts.retainage_cents.value)
      .num("payable_cents", b.amounts.payable_cents.value)
      .opt_str("approved_at", rfc3339(b.approved_at))
      .num("version", b.version)
      .str("created_at", rfc3339(b.created_at))
      .str("updated_at", rfc3339(b.updated_at));
}

sql::BudgetTransferFields read_budget_transfer(FieldReader& in) {
  sql::BudgetTransferFields t;
  in.require({"from", "to", "amount_cents", "reason"});
  t.from = read_budget_key(in, "from");
  t.to = read_budget_key(in, "to");
  if (auto v = in.integer("amount_cents", 1, domain::kMaxCents)) t.amount_cents = domain::Cents{*v};
  if (auto v = in.text("reason", {1000, false})) t.reason = *v;
  in.finish();
  if (!t.from.cost_code.empty() && t.from.cost_code == t.to.cost_code &&
      t.from.cost_type == t.to.cost_type)
    in.errors().add("to", "must be another budget line than from");
  return t;
}

void write_budget_transfer(JsonWriter& w, const sql::BudgetTransferRecord& t) {
  w.begin_object().num("id", t.id).num("project_id", t.project_id);
  write_key(w, "from", t.fields.from);
  write_key(w, "to", t.fields.to);
  w.num("amount_cents", t.fields.amount_cents.value)
      .str("reason", t.fields.reason)
      .num("version", t.version)
      .str("created_at", rfc3339(t.created_at))
      .str("updated_at", rfc3339(t.updated_at))
      .end_object();
}

}  // namespace construction::api
