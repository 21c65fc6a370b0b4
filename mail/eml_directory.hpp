// Development without SMTP_URL: each message becomes a file NAME.eml in a
// directory (MAIL_DIR), written whole under a temporary name and renamed, so
// a reader never sees half a message. Opens in any mail client.
#pragma once

#include <filesystem>

#include "mail/transport.hpp"

namespace construction::mail {

class EmlDirectory : public Transport {
 public:
  // Creates the directory if it is missing.
  explicit EmlDirectory(std::filesystem::path directory);
  operations::Delivery send(const Envelope& envelope, std::string_view message,
                            std::string_view name) override;
  std::string describe() const override;

 private:
  std::filesystem::path directory_;
};

}  // namespace construction::mail
