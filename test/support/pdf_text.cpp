#include "test/support/pdf_text.hpp"

#include <regex>
#include <stdexcept>

#include "test/support/command.hpp"

namespace construction::testing {

std::string pdf_text(const std::string& pdf) {
  CommandResult result =
      run_command({"/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", "-", "-"}, {}, "", pdf);
  if (result.status != 0) throw std::runtime_error("pdftotext: " + result.err);
  return result.out;
}

int pdf_pages(const std::string& pdf) {
  CommandResult result = run_command({"/usr/bin/pdfinfo", "-"}, {}, "", pdf);
  if (result.status != 0) throw std::runtime_error("pdfinfo: " + result.err);
  std::smatch match;
  if (!std::regex_search(result.out, match, std::regex("Pages:\\s+(\\d+)")))
    throw std::runtime_error("pdfinfo: no page count in " + result.out);
  return std::stoi(match[1]);
}

}  // namespace construction::testing
