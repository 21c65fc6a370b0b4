#include "worker/request_target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/scheme.hpp>

namespace construction::http {

namespace {

std::string_view view(boost::urls::string_view s) {
  return {s.data(), s.size()};
}

}  // namespace

std::optional<RequestTarget> split_target(std::string_view target) {
  // The origin form, and the asterisk form ("*", which no route matches).
  if (target.empty() || target.front() == '/' || target == "*") {
    auto question = target.find('?');
    if (question == std::string_view::npos) return RequestTarget{target, {}, {}};
    return RequestTarget{target.substr(0, question), target.substr(question + 1), {}};
  }
  auto url =
      boost::urls::parse_absolute_uri(boost::urls::string_view(target.data(), target.size()));
  if (!url) return std::nullopt;
  auto scheme = url->scheme_id();
  if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https)
    return std::nullopt;
  if (!url->has_authority() || url->encoded_host().empty() || url->has_userinfo())
    return std::nullopt;
  std::string_view path = view(url->encoded_path());
  return RequestTarget{path.empty() ? std::string_view("/") : path, view(url->encoded_query()),
                       view(url->encoded_host_and_port())};
}

}  // namespace construction::http
