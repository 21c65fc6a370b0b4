#include "worker/http_types.hpp"

namespace construction::http {

Response make_response(unsigned status, std::string_view content_type, std::string body) {
  Response res{static_cast<Status>(status), 11};
  res.set(Field::content_type, content_type);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response text_response(unsigned status, std::string body) {
  return make_response(status, "text/plain; charset=utf-8", std::move(body));
}

Response html_response(unsigned status, std::string body) {
  return make_response(status, "text/html; charset=utf-8", std::move(body));
}

Response json_response(unsigned status, std::string body) {
  return make_response(status, "application/json", std::move(body));
}

std::string_view reason(unsigned status) {
  auto text = beast_http::obsolete_reason(static_cast<Status>(status));
  return {text.data(), text.size()};
}

}  // namespace construction::http
