// SMTP through libcurl: smtp://host:587 (STARTTLS whenever the server
// offers it), smtps://host:465 (TLS from the start), AUTH from the URL's
// user:password. One CURL handle for the mailer's life, so libcurl keeps
// the connection open and a batch goes over one session.
//
// How an attempt ends: 250 after the data is sent; a 5xx answer (a
// recipient refused, the message rejected) is permanent; a 4xx answer, a
// connection refused or timed out, a TLS or authentication failure are
// temporary (the message is not at fault: the relay or its configuration
// is, and an operator can mend either within the retries' 24 hours).
#pragma once

#include <memory>
#include <string>

#include "mail/transport.hpp"

namespace construction::mail {

class SmtpTransport : public Transport {
 public:
  explicit SmtpTransport(std::string url);
  ~SmtpTransport() override;
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  operations::Delivery send(const Envelope& envelope, std::string_view message,
                            std::string_view name) override;
  std::string describe() const override;

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  std::string url_;
};

// The URL without its password ("smtp://user:****@host:587").
std::string redact_smtp_url(const std::string& url);

}  // namespace construction::mail
