#include "operations/margin_checks.hpp"

#include <optional>

#include "operations/budget.hpp"

namespace construction::operations {

std::vector<MarginAlert> MarginChecks::below_estimate(
    sql::Connection& db, std::int64_t org_id, const std::vector<sql::ProjectCostsVersion>& active) {
  // This view's figures, kept or summed now, whatever the map holds after.
  std::vector<std::optional<Kept>> figures(active.size());
  std::vector<std::int64_t> moved;
  for (std::size_t i = 0; i < active.size(); ++i) {
    auto kept = kept_.find({org_id, active[i].project.id});
    if (kept != kept_.end() && kept->second.costs_version == active[i].costs_version)
      figures[i] = kept->second;
    else
      moved.push_back(active[i].project.id);
  }
  if (!moved.empty()) {
    std::map<std::int64_t, Kept> summed;
    for (const auto& s : sql::fetch(db, sql::budget_sums_of_query(org_id, moved)))
      summed[s.project.id] = {s.costs_version, budget_report(s.budget).profit};
    for (std::size_t i = 0; i < active.size(); ++i) {
      // Not summed: the project lost its accepted estimate between the two
      // reads, and has no margin to show. Summed under a newer counter than
      // the first read's: a write committed between the two, and these are
      // its figures (the counter only grows).
      auto s = summed.find(active[i].project.id);
      if (!figures[i] && s != summed.end()) figures[i] = s->second;
    }
    // Full: emptied, not trimmed; the next view sums its projects again.
    if (kept_.size() + summed.size() > capacity_) kept_.clear();
    for (const auto& [id, kept] : summed) kept_[{org_id, id}] = kept;
  }
  std::vector<MarginAlert> alerts;
  for (std::size_t i = 0; i < active.size(); ++i) {
    if (!figures[i]) continue;
    const domain::ProfitBlock& profit = figures[i]->profit;
    if (profit.projected_margin.value < profit.original_margin.value)
      alerts.push_back({active[i].project, profit});
  }
  return alerts;
}

MarginChecks& worker_margin_checks() {
  static MarginChecks checks;
  return checks;
}

}  // namespace construction::operations
