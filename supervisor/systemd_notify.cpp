#include "supervisor/systemd_notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "runtime/unique_fd.hpp"

namespace construction {

void systemd_notify(const std::string& state) {
  const char* path = std::getenv("NOTIFY_SOCKET");
  if (!path || !*path) return;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  size_t len = std::strlen(path);
  if (len >= sizeof addr.sun_path) return;
  std::memcpy(addr.sun_path, path, len);
  if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';  // abstract namespace
  UniqueFd fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!fd) return;
  std::string message = state;
  if (state == "RELOADING=1") {
    // systemd (253+) wants the monotonic time with RELOADING=1.
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    message += "\nMONOTONIC_USEC=" + std::to_string(ts.tv_sec * 1000000LL + ts.tv_nsec / 1000);
  }
  ::sendto(fd.get(), message.data(), message.size(), MSG_NOSIGNAL,
           reinterpret_cast<sockaddr*>(&addr),
           static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + len));
}

}  // namespace construction
