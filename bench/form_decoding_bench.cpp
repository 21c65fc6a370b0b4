// What the one decoder of forms and queries (worker/url_encoded.hpp:
// Boost.URL's percent-decoding, then the UTF-8 check) costs beside the
// hand-written decoder it replaced (kept below, as it was, for the
// comparison). DESIGN.md, "HTTP decisions", has the figures. Not part of
// the build; from the source tree, after a Release build in build/:
//
//   g++ -std=c++20 -O2 -I. bench/form_decoding_bench.cpp
//       build/libconstruction_worker.a build/libconstruction_runtime.a
//       -o /tmp/form_decoding_bench                                    (one line)
//   /tmp/form_decoding_bench                     # wall time, best of 9 rounds
//   for n in 1000 3000; do valgrind --tool=callgrind --callgrind-out-file=/dev/null
//       /tmp/form_decoding_bench new-form $n 2>&1 | grep Collected; done     (one line)
//   # instructions per call: (the second count − the first) / 2000;
//   # modes: old-form, new-form, old-query, new-query
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "worker/url_encoded.hpp"

namespace {

using Form = std::map<std::string, std::string, std::less<>>;

// ---- the decoder before (worker/request_context.cpp, views/page_routes.cpp)

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (c == '+' && plus_is_space) ? ' ' : c;
  }
  return out;
}

Form old_form(std::string_view body) {
  Form form;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    auto eq = pair.find('=');
    std::string name = percent_decode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true);
    if (!name.empty()) form.try_emplace(std::move(name), std::move(value));
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return form;
}

std::string old_query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    auto eq = pair.find('=');
    if (percent_decode(pair.substr(0, eq), true) != name) continue;
    return eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1), true);
  }
  return {};
}

// ---- the decoder now, as views/page_routes.cpp and query_value use it

Form new_form(std::string_view body) {
  auto decoded = construction::http::decode_form(body);
  Form form;
  for (auto& [name, value] : decoded.fields)
    if (!name.empty()) form.try_emplace(std::move(name), std::move(value));
  return form;
}

std::string new_query_value(std::string_view query, std::string_view name) {
  std::optional<std::string> found;
  construction::http::for_each_pair(query, [&](std::string_view n, std::string_view v) {
    if (!found && construction::http::decode_text(n) == name)
      found = construction::http::decode_text(v);
  });
  return found.value_or("");
}

// An estimate line's form as a browser posts it, and a projects page's query.
constexpr std::string_view kForm =
    "csrf_token=3f9a0c2e7b1d4a6f8e2c9b0a1d3e5f7a9c1b3d5e7f9a1c3e5b7d9f1a3c5e7b9d&cost_code=09-250&"
    "cost_type=material&description=Drywall+taping+%26+finishing%2C+level+4+%E2%80%94+Zo%C3%AB%"
    "27s+crew&quantity=120&unit_cost=10.00&markup=10&version=3";
constexpr std::string_view kQuery = "q=Smith&status=active";

size_t run(std::string_view mode, int n) {
  size_t sink = 0;
  for (int i = 0; i < n; ++i) {
    if (mode == "old-form") sink += old_form(kForm).size();
    if (mode == "new-form") sink += new_form(kForm).size();
    if (mode == "old-query") sink += old_query_value(kQuery, "status").size();
    if (mode == "new-query") sink += new_query_value(kQuery, "status").size();
  }
  return sink;
}

double best_ns(std::string_view mode, int n) {
  double best = 1e18;
  for (int round = 0; round < 9; ++round) {
    auto start = std::chrono::steady_clock::now();
    if (run(mode, n) == 42) std::puts("");
    auto ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start);
    best = std::min(best, ns.count() / n);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3) return run(argv[1], std::atoi(argv[2])) == 42;
  std::printf(
      "%zu-byte form: before %.0f ns, now %.0f ns; query_value: before %.0f ns, now %.0f ns\n",
      kForm.size(), best_ns("old-form", 100000), best_ns("new-form", 100000),
      best_ns("old-query", 300000), best_ns("new-query", 300000));
}
