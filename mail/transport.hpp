// Where the mailer hands a message: an SMTP relay (mail/smtp_transport.hpp)
// or, in development without one, a directory of .eml files
// (mail/eml_directory.hpp).
#pragma once

#include <string>
#include <string_view>

#include "mail/mime_message.hpp"
#include "operations/outbox.hpp"

namespace construction::mail {

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends one message; `name` identifies it in a file name or a log line
  // (the outbox row's id). Never throws for the relay's refusal or absence:
  // that is the Delivery's outcome and answer.
  virtual operations::Delivery send(const Envelope& envelope, std::string_view message,
                                    std::string_view name) = 0;
  // Where messages go, for the start-up line: "smtp://relay.example:587",
  // "/srv/app/.local/mail". Never a password.
  virtual std::string describe() const = 0;
};

}  // namespace construction::mail
