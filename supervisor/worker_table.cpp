#include "supervisor/worker_table.hpp"

#include <algorithm>
#include <set>

namespace construction {

std::vector<WorkerRecord*> WorkerTable::serving(uint32_t generation) {
  std::vector<WorkerRecord*> found;
  for (auto& [pid, w] : workers_)
    if (w.generation == generation && !w.leaving()) found.push_back(&w);
  std::sort(found.begin(), found.end(),
            [](auto* a, auto* b) { return a->spawned_ns < b->spawned_ns; });
  return found;
}

std::vector<WorkerRecord*> WorkerTable::all() {
  std::vector<WorkerRecord*> found;
  for (auto& [pid, w] : workers_) found.push_back(&w);
  return found;
}

unsigned WorkerTable::free_number(uint32_t generation) {
  std::set<unsigned> used;
  for (auto& [pid, w] : workers_)
    if (w.generation == generation && !w.leaving()) used.insert(w.number);
  unsigned n = 1;
  while (used.count(n)) ++n;
  return n;
}

}  // namespace construction
