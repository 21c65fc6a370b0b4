#include "test/support/smtp_sink.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace construction::testing {

SmtpSink::SmtpSink(SmtpSinkOptions options) {
  std::string base = make_temp_dir("smtp-sink");
  directory_ = base + "/messages";
  control_ = base + "/fault";
  ServerOptions server;
  server.binary = "/usr/bin/python3";
  server.command = std::string(CONSTRUCTION_SOURCE_DIR) + "/test/support/smtp_sink.py";
  server.args = {directory_, "--control", control_};
  if (options.port)
    server.args.insert(server.args.end(), {"--port", std::to_string(*options.port)});
  if (options.reply) server.args.insert(server.args.end(), {"--reply", *options.reply});
  if (!options.write) server.args.push_back("--no-write");
  server.bind = false;
  server.wait_ready = false;
  process_ = std::make_unique<ServerProcess>(server);
  if (!wait_until([&] { return process_->access_log().find("PORT ") != std::string::npos; }, 20s))
    throw std::runtime_error("the SMTP sink did not start: " + process_->error_log());
  std::string out = process_->access_log();
  port_ = std::stoi(out.substr(out.find("PORT ") + 5));
}

void SmtpSink::set_fault(const std::string& reply) const {
  std::ofstream(control_ + ".tmp") << reply << "\n";
  std::filesystem::rename(control_ + ".tmp", control_);
}

void SmtpSink::clear_fault() const {
  std::filesystem::remove(control_);
}

std::vector<std::string> SmtpSink::messages() const {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory_, error))
    if (entry.path().extension() == ".eml") names.push_back(entry.path().string());
  std::sort(names.begin(), names.end());
  std::vector<std::string> messages;
  for (const auto& name : names) messages.push_back(read_file(name));
  return messages;
}

bool SmtpSink::wait_for_messages(std::size_t count, std::chrono::milliseconds timeout) const {
  return wait_until([&] { return messages().size() >= count; }, timeout);
}

void SmtpSink::stop() {
  process_.reset();
}

bool smtp_sink_available() {
  static const bool available =
      std::system("/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1") == 0;
  if (!available)
    std::cout << "SKIP: the SMTP sink needs python3-aiosmtpd (./scripts/install-deps.sh "
                 "--with-browser installs it)\n";
  return available;
}

int unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

std::unique_ptr<ServerProcess> start_mailer(const std::string& database_url,
                                            const std::string& smtp_url,
                                            std::map<std::string, std::string> env) {
  ServerOptions options;
  options.binary = CONSTRUCTION_BINARY;
  options.command = "mailer";
  options.bind = false;
  options.wait_ready = false;
  options.env = {{"DATABASE_URL", database_url},
                 {"SMTP_URL", smtp_url},
                 {"APP_ENV", "production"},
                 {"MAIL_FROM", "Acme Builders <billing@acme.example>"},
                 {"MAIL_FIRST_RETRY_SECONDS", "1"}};
  for (auto& [name, value] : env) options.env[name] = value;
  auto mailer = std::make_unique<ServerProcess>(options);
  if (!mailer->wait_for_log("Mailer ready", 20s))
    throw std::runtime_error("the mailer did not start: " + mailer->error_log());
  return mailer;
}

std::vector<std::string> message_headers(const std::string& message) {
  std::string block = message.substr(0, message.find("\r\n\r\n"));
  std::vector<std::string> headers;
  std::size_t start = 0;
  while (start <= block.size()) {
    std::size_t end = block.find("\r\n", start);
    if (end == std::string::npos) end = block.size();
    std::string line = block.substr(start, end - start);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !headers.empty())
      headers.back() += line;
    else
      headers.push_back(line);
    start = end + 2;
  }
  return headers;
}

std::string header_value(const std::string& message, const std::string& name) {
  for (const auto& header : message_headers(message))
    if (header.size() > name.size() && header.compare(0, name.size(), name) == 0 &&
        header[name.size()] == ':')
      return header.substr(header.find_first_not_of(' ', name.size() + 1));
  return "";
}

}  // namespace construction::testing
