#include "documents/pdf_cache.hpp"

namespace construction::documents {

PdfCache::PdfCache(std::size_t max_bytes, std::size_t max_entry_bytes)
    : max_bytes_(max_bytes), max_entry_bytes_(max_entry_bytes) {}

std::optional<std::string> PdfCache::find(const PdfKey& key) {
  auto at = index_.find(key);
  if (at == index_.end()) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, at->second);
  return at->second->second;
}

void PdfCache::keep(const PdfKey& key, const std::string& bytes) {
  if (bytes.size() > max_entry_bytes_ || bytes.size() > max_bytes_) return;
  if (index_.contains(key)) return;  // the same key is the same bytes
  entries_.emplace_front(key, bytes);
  index_.emplace(key, entries_.begin());
  bytes_ += bytes.size();
  while (bytes_ > max_bytes_) {
    bytes_ -= entries_.back().second.size();
    index_.erase(entries_.back().first);
    entries_.pop_back();
  }
}

PdfCache& worker_pdf_cache() {
  static PdfCache cache(8 << 20, 1 << 20);
  return cache;
}

}  // namespace construction::documents
