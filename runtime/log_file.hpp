// A log destination: "-" (the standard stream) or a file opened for append,
// which USR1 reopens so logrotate can move it away.
#pragma once

#include <string>
#include <string_view>

namespace construction {

class LogFile {
 public:
  // standard_fd is 1 or 2, used when path is "-".
  LogFile(std::string path, int standard_fd);
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;
  ~LogFile();

  // Reopens a named file in place (the descriptor number stays the same).
  void reopen();
  // One write(2) per line, so lines from several processes never interleave.
  void write(std::string_view line) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_;
  bool owned_;
};

}  // namespace construction
