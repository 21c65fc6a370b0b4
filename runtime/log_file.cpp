#include "runtime/log_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "runtime/syscall.hpp"

namespace construction {

namespace {
int open_for_append(const std::string& path) {
  return check_syscall(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644),
                       ("open log file " + path).c_str());
}
}  // namespace

LogFile::LogFile(std::string path, int standard_fd)
    : path_(std::move(path)), fd_(standard_fd), owned_(false) {
  if (path_ != "-" && !path_.empty()) {
    fd_ = open_for_append(path_);
    owned_ = true;
  }
}

LogFile::~LogFile() {
  if (owned_) ::close(fd_);
}

void LogFile::reopen() {
  if (!owned_) return;
  int fresh = open_for_append(path_);
  ::dup3(fresh, fd_, O_CLOEXEC);
  ::close(fresh);
}

void LogFile::write(std::string_view line) const {
  while (!line.empty()) {
    ssize_t n = ::write(fd_, line.data(), line.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // a log that cannot be written must not take the server down
    }
    line.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace construction
