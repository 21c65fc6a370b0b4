// The HTTP message types handlers see: Beast's request and response with
// string bodies, and helpers to build a response with every header the
// server promises (Content-Type, Content-Length; Date and X-Request-ID are
// added by the session).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <string_view>

namespace construction::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;
using Verb = beast_http::verb;
using Field = beast_http::field;

Response make_response(unsigned status, std::string_view content_type, std::string body);
Response text_response(unsigned status, std::string body);
Response html_response(unsigned status, std::string body);
Response json_response(unsigned status, std::string body);

// The reason phrase of a status code ("Not Found").
std::string_view reason(unsigned status);

}  // namespace construction::http
