#include "sql/project_figures_store.hpp"

namespace construction::sql {

namespace {

constexpr std::string_view kFigures =
    "SELECT project_id, 'change_order' AS kind, status, sum(amount_cents)::bigint AS amount_cents, "
    "0::bigint AS paid_cents, 0 AS number "
    "FROM change_orders WHERE org_id = $1 AND project_id = ANY ($2::bigint[]) "
    "GROUP BY project_id, status "
    "UNION ALL "
    "SELECT project_id, 'invoice', status, sum(total_cents)::bigint, sum(paid_cents)::bigint, 0 "
    "FROM invoices WHERE org_id = $1 AND project_id = ANY ($2::bigint[]) "
    "GROUP BY project_id, status "
    "UNION ALL "
    "(SELECT DISTINCT ON (project_id) project_id, 'pay_application', status, retainage_cents, "
    "0::bigint, number FROM pay_applications "
    "WHERE org_id = $1 AND project_id = ANY ($2::bigint[]) AND status = 'certified' "
    "ORDER BY project_id, number DESC)";

std::string array_literal(std::span<const std::int64_t> ids) {
  std::string text = "{";
  for (std::int64_t id : ids) text += (text.size() > 1 ? "," : "") + std::to_string(id);
  return text + "}";
}

}  // namespace

std::map<std::int64_t, std::vector<DocumentFigures>> load_project_figures(
    Connection& db, std::int64_t org_id, std::span<const std::int64_t> project_ids) {
  std::map<std::int64_t, std::vector<DocumentFigures>> figures;
  if (project_ids.empty()) return figures;
  for (Row row : db.exec(kFigures, org_id, array_literal(project_ids)))
    figures[row["project_id"].int64()].push_back(
        {row["kind"].string(), row["status"].string(), row["amount_cents"].int64(),
         row["paid_cents"].int64(), row["number"].int32()});
  return figures;
}

}  // namespace construction::sql
