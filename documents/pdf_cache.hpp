// The PDFs a worker has drawn, kept by the SHA-256 of what each was drawn
// from (DocumentLayout::pdf computes the key): a document downloaded again
// while nothing it shows has changed gives the same bytes without pango and
// cairo. Nothing invalidates an entry: a change of anything a PDF shows is
// a new key, and the old entry ages out, least recently used first, under a
// bound on the bytes kept. One per process, not shared: a worker is single
// threaded (DESIGN.md "Documents (PDFs)").
#pragma once

#include <array>
#include <cstddef>
#include <cstring>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

namespace construction::documents {

using PdfKey = std::array<unsigned char, 32>;  // a SHA-256

class PdfCache {
 public:
  // At most `max_bytes` of PDFs; one larger than `max_entry_bytes` is not kept.
  PdfCache(std::size_t max_bytes, std::size_t max_entry_bytes);

  // The bytes kept under `key`, now the most recently used; none when absent.
  std::optional<std::string> find(const PdfKey& key);
  // Keeps `bytes` under `key`, the least recently used going out until the
  // bound holds again.
  void keep(const PdfKey& key, const std::string& bytes);

  std::size_t bytes() const { return bytes_; }
  std::size_t size() const { return entries_.size(); }

 private:
  struct KeyHash {
    std::size_t operator()(const PdfKey& key) const {
      std::size_t hash;  // a SHA-256's first bytes are as spread as any hash of them
      std::memcpy(&hash, key.data(), sizeof hash);
      return hash;
    }
  };
  using Entries = std::list<std::pair<PdfKey, std::string>>;  // most recent first

  std::size_t max_bytes_;
  std::size_t max_entry_bytes_;
  std::size_t bytes_ = 0;
  Entries entries_;
  std::unordered_map<PdfKey, Entries::iterator, KeyHash> index_;
};

// The process's own: 8 MB of PDFs, none over 1 MB.
PdfCache& worker_pdf_cache();

}  // namespace construction::documents
