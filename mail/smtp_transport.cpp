#include "mail/smtp_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace construction::mail {

namespace {

// curl_global_init is not thread-safe and must run once before any handle:
// a function-local static runs it once, and its cleanup at exit.
struct CurlGlobal {
  CurlGlobal() {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw std::runtime_error("libcurl failed to initialise");
  }
  ~CurlGlobal() { curl_global_cleanup(); }
};

void curl_global() {
  static CurlGlobal global;
}

using EasyHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using StringList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

struct Upload {
  std::string_view rest;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), n);
  upload->rest.remove_prefix(n);
  return n;
}

// The server's last answer (libcurl reports each reply line as "header in"),
// kept for the attempt's record and the log.
int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* answer = static_cast<std::string*>(user);
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) *answer = std::move(line);
  return 0;
}

}  // namespace

struct SmtpTransport::Handle {
  EasyHandle easy{nullptr, &curl_easy_cleanup};
  std::string last_answer;
  char error[CURL_ERROR_SIZE] = {};
};

std::string redact_smtp_url(const std::string& url) {
  auto scheme = url.find("://"), at = url.rfind('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "****" + url.substr(at);
}

SmtpTransport::SmtpTransport(std::string url)
    : handle_(std::make_unique<Handle>()), url_(std::move(url)) {
  curl_global();
  handle_->easy.reset(curl_easy_init());
  if (!handle_->easy) throw std::runtime_error("libcurl could not make a handle");
  CURL* curl = handle_->easy.get();
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  // smtp://: STARTTLS when the server offers it, plain otherwise (a relay on
  // the same host); smtps:// is TLS from the start whatever this says.
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
  // A relay that stops answering: less than 1 byte/s for 60 s ends the try.
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, handle_->error);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &handle_->last_answer);
}

SmtpTransport::~SmtpTransport() = default;

operations::Delivery SmtpTransport::send(const Envelope& envelope, std::string_view message,
                                         std::string_view) {
  CURL* curl = handle_->easy.get();
  std::string from = "<" + envelope.from + ">";
  StringList recipients(nullptr, &curl_slist_free_all);
  for (const auto& recipient : envelope.recipients) {
    std::string bracketed = "<" + recipient + ">";
    curl_slist* appended = curl_slist_append(recipients.get(), bracketed.c_str());
    if (!appended) throw std::bad_alloc();
    recipients.release();
    recipients.reset(appended);
  }
  Upload upload{message};
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  handle_->last_answer.clear();
  handle_->error[0] = '\0';

  CURLcode result = curl_easy_perform(curl);
  // The list is freed when this returns: the handle must not keep it.
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  std::string answer = handle_->last_answer;
  if (result == CURLE_OK) return {domain::AttemptOutcome::sent, answer.empty() ? "250" : answer};

  std::string why = handle_->error[0] ? handle_->error : curl_easy_strerror(result);
  if (answer.empty() || code == 0)
    answer = why;
  else if (answer.find(why) == std::string::npos)
    answer += " (" + why + ")";
  // 5xx is the relay's final no to this message; an authentication refusal
  // (535) is about the relay's configuration, not the message: retried.
  bool permanent = code >= 500 && code < 600 && result != CURLE_LOGIN_DENIED;
  return {permanent ? domain::AttemptOutcome::permanent_failure
                    : domain::AttemptOutcome::temporary_failure,
          answer};
}

std::string SmtpTransport::describe() const {
  return redact_smtp_url(url_);
}

}  // namespace construction::mail
