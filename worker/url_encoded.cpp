#include "worker/url_encoded.hpp"

#include <algorithm>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>

#include "runtime/utf8.hpp"

namespace construction::http {

std::optional<std::string> decode_text(std::string_view encoded, bool plus_is_space) {
  auto escaped = boost::urls::make_pct_string_view(encoded);
  if (!escaped) return std::nullopt;  // '%' without two hex digits after it
  boost::urls::encoding_opts options;
  options.space_as_plus = plus_is_space;
  std::string text = escaped->decode(options);
  if (!is_utf8(text) || text.find('\0') != std::string::npos) return std::nullopt;
  return text;
}

std::string readable_name(std::string_view encoded) {
  if (auto name = decode_text(encoded)) return *name;
  return to_utf8(encoded);
}

std::optional<std::string> first_not_text(std::string_view encoded) {
  std::optional<std::string> found;
  for_each_pair(encoded, [&found](std::string_view name, std::string_view value) {
    if (!found && !(decode_text(name) && decode_text(value))) found = readable_name(name);
  });
  return found;
}

DecodedForm decode_form(std::string_view encoded) {
  DecodedForm form;
  form.fields.reserve(static_cast<std::size_t>(std::count(encoded.begin(), encoded.end(), '&')) +
                      1);
  for_each_pair(encoded, [&form](std::string_view name, std::string_view value) {
    auto text_name = decode_text(name);
    auto text_value = decode_text(value);
    if (text_name && text_value)
      form.fields.emplace_back(std::move(*text_name), std::move(*text_value));
    else
      form.not_text.push_back(text_name ? std::move(*text_name) : readable_name(name));
  });
  return form;
}

}  // namespace construction::http
