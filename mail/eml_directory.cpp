#include "mail/eml_directory.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace construction::mail {

EmlDirectory::EmlDirectory(std::filesystem::path directory)
    : directory_(std::filesystem::absolute(directory)) {
  std::filesystem::create_directories(directory_);
}

operations::Delivery EmlDirectory::send(const Envelope& envelope, std::string_view message,
                                        std::string_view name) {
  std::filesystem::path final_path = directory_ / ("message-" + std::string(name) + ".eml");
  std::filesystem::path temporary = final_path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    // The envelope, as a relay would have added it (mail clients read it).
    out << "X-Envelope-From: <" << envelope.from << ">\r\n";
    for (const auto& recipient : envelope.recipients)
      out << "X-Envelope-To: <" << recipient << ">\r\n";
    out << message;
    out.flush();
    if (!out)
      return {domain::AttemptOutcome::temporary_failure,
              "cannot write " + temporary.string() + ": " + std::strerror(errno)};
  }
  std::error_code error;
  std::filesystem::rename(temporary, final_path, error);
  if (error)
    return {domain::AttemptOutcome::temporary_failure,
            "cannot write " + final_path.string() + ": " + error.message()};
  return {domain::AttemptOutcome::sent, "written to " + final_path.string()};
}

std::string EmlDirectory::describe() const {
  return directory_.string() + " (one .eml file per message)";
}

}  // namespace construction::mail
