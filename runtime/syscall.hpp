// The one checker every system call goes through: a failure becomes a
// std::system_error that keeps errno and names the call, so a log line says
// what failed and why without each caller formatting it.
#pragma once

#include <cerrno>
#include <string>
#include <system_error>

namespace construction {

[[noreturn]] inline void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// Returns rc unchanged when it is not -1, else throws with errno.
template <typename T>
T check_syscall(T rc, const char* what) {
  if (rc == static_cast<T>(-1)) throw_errno(what);
  return rc;
}

// Repeats a call interrupted by a signal (EINTR).
template <typename F>
auto retry_on_eintr(F&& call) {
  for (;;) {
    auto rc = call();
    if (rc != -1 || errno != EINTR) return rc;
  }
}

}  // namespace construction
