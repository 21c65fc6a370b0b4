#include "worker/router.hpp"

namespace construction::http {

namespace {
std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

bool is_parameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Matches without allocating: walks the path's segments against the pattern's.
bool matches(const Route& route, std::string_view path, RequestContext* ctx) {
  size_t pos = 1, index = 0;
  if (path.empty() || path[0] != '/') return false;
  for (; index < route.segments.size(); ++index) {
    if (pos > path.size()) return false;
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(pos, slash - pos);
    const std::string& want = route.segments[index];
    if (is_parameter(want)) {
      if (part.empty()) return false;
      if (ctx) ctx->params.emplace_back(std::string_view(want).substr(1, want.size() - 2), part);
    } else if (part != want) {
      return false;
    }
    pos = slash + 1;
  }
  return pos == path.size() + 1;
}
}  // namespace

void Router::add(Verb method, std::string pattern, Handler handler, std::string summary,
                 std::string access, std::source_location source) {
  auto segments = split_path(pattern);
  routes_.push_back({method, std::move(pattern), std::move(segments), std::move(handler),
                     std::move(summary), std::move(access), source});
}

std::string source_file(const Route& route) {
  // Every file of the tree was given to the compiler the way this one was:
  // what precedes "worker/router.cpp" here is the tree's root.
  constexpr std::string_view kSelf = "worker/router.cpp";
  std::string_view self = std::source_location::current().file_name();
  std::string_view root = self.ends_with(kSelf) ? self.substr(0, self.size() - kSelf.size()) : "";
  std::string_view file = route.source.file_name();
  if (!root.empty() && file.starts_with(root)) file.remove_prefix(root.size());
  // A build directory at another depth than this file's.
  while (file.starts_with("./") || file.starts_with("../")) file.remove_prefix(file.find('/') + 1);
  return std::string(file);
}

Router::Match Router::match(Verb method, std::string_view path, RequestContext& ctx) const {
  Match result;
  Verb wanted = method == Verb::head ? Verb::get : method;
  for (const Route& route : routes_) {
    if (route.method != wanted || !matches(route, path, nullptr)) continue;
    ctx.params.clear();
    matches(route, path, &ctx);
    ctx.route = route.pattern;
    result.route = &route;
    return result;
  }
  for (const Route& route : routes_) {
    if (!matches(route, path, nullptr)) continue;
    auto name = beast_http::to_string(route.method);
    result.allowed.emplace_back(name.data(), name.size());
    if (route.method == Verb::get) result.allowed.emplace_back("HEAD");
  }
  return result;
}

}  // namespace construction::http
