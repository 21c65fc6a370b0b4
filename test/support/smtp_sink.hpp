// The tests' SMTP server (test/support/smtp_sink.py, aiosmtpd) as a child
// process, and `construction mailer` pointed at it. The sink writes each
// message it accepts to a file of its own; messages() reads them back.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "test/support/server_process.hpp"

namespace construction::testing {

struct SmtpSinkOptions {
  std::optional<int> port;           // default: a free one the sink picks
  std::optional<std::string> reply;  // answer every DATA with this ("550 5.7.1 No")
  bool write = true;                 // false: accept and write nothing (bench)
};

class SmtpSink {
 public:
  explicit SmtpSink(SmtpSinkOptions options = {});
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  const std::string& directory() const { return directory_; }
  // While set, every DATA is answered with `reply` ("451 4.3.0 Later").
  void set_fault(const std::string& reply) const;
  void clear_fault() const;
  // The accepted messages, raw, in the order they arrived.
  std::vector<std::string> messages() const;
  bool wait_for_messages(std::size_t count, std::chrono::milliseconds timeout) const;
  void stop();

 private:
  std::string directory_;
  std::string control_;
  int port_ = 0;
  std::unique_ptr<ServerProcess> process_;
};

// True when /usr/bin/python3 has aiosmtpd (python3-aiosmtpd); otherwise
// prints "SKIP: …" (ctest counts the test as skipped) and the test returns.
bool smtp_sink_available();

// A loopback port nothing listens on (for a relay that is down).
int unused_port();

// `construction mailer` for `database_url`, sending through `smtp_url`,
// the first retry after a second; waits for its "Mailer ready" line.
std::unique_ptr<ServerProcess> start_mailer(const std::string& database_url,
                                            const std::string& smtp_url,
                                            std::map<std::string, std::string> env = {});

// A message's header block, unfolded: one string per header.
std::vector<std::string> message_headers(const std::string& message);
// The value of the first header `name` ("Message-ID"), or "".
std::string header_value(const std::string& message, const std::string& name);

}  // namespace construction::testing
