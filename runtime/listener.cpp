#include "runtime/listener.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "runtime/syscall.hpp"

namespace construction {

namespace {

// A response goes out as soon as it is written (TCP_NODELAY; every accepted
// connection inherits it, as under Gunicorn): one written in several sends,
// a large page, must not hold its last part back until the client's delayed
// ACK, 40 ms later.
void send_without_delay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// A worker is woken only once the request's first bytes are there; a
// connection that stays silent is handed over after a second (so a silent
// one a worker meets has been silent that long: worker/socket_stream.hpp,
// give_way_while_silent). Bound and inherited listeners alike: a socket
// unit's listener would otherwise hand over every connection at once.
void defer_accept(int fd) {
  int defer_seconds = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, &defer_seconds, sizeof defer_seconds);
}

// Every segment a connection receives carries the time it reached the
// kernel (accepted sockets inherit the option), so a worker learns how long
// a request waited in the listen queue from its first read, at no syscall's
// cost (worker/queue_wait.hpp: --max-queue-wait).
void stamp_arrivals(int fd) {
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
}

UniqueFd bind_unix(const std::string& path, int backlog) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    errno = ENAMETOOLONG;
    throw_errno("bind unix:" + path);
  }
  std::strcpy(addr.sun_path, path.c_str());
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) ::unlink(path.c_str());
  UniqueFd fd(check_syscall(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
  check_syscall(::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr),
                ("bind unix:" + path).c_str());
  check_syscall(::listen(fd.get(), backlog), "listen");
  return fd;
}

UniqueFd bind_tcp(const std::string& address, int backlog) {
  auto colon = address.rfind(':');
  std::string host = address.substr(0, colon), port = address.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0)
    throw std::runtime_error("cannot resolve " + address + ": " + ::gai_strerror(rc));
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owner(found, &::freeaddrinfo);

  UniqueFd fd(check_syscall(::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
  int one = 1;
  check_syscall(::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), "SO_REUSEADDR");
  defer_accept(fd.get());
  send_without_delay(fd.get());
  stamp_arrivals(fd.get());
  check_syscall(::bind(fd.get(), found->ai_addr, found->ai_addrlen), ("bind " + address).c_str());
  check_syscall(::listen(fd.get(), backlog), "listen");
  return fd;
}

std::vector<int> parse_fd_list(const char* text) {
  std::vector<int> fds;
  for (const char* p = text; p && *p;) {
    char* end = nullptr;
    long fd = std::strtol(p, &end, 10);
    if (end == p) break;
    fds.push_back(static_cast<int>(fd));
    p = (*end == ',') ? end + 1 : end;
  }
  return fds;
}

Listener adopt(int fd, ListenerOwner owner) {
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  Listener l{UniqueFd(fd), local_address(fd), addr.ss_family == AF_UNIX, owner};
  if (!l.is_unix) {
    defer_accept(fd);
    send_without_delay(fd);
    stamp_arrivals(fd);
  }
  return l;
}

}  // namespace

std::string local_address(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "?";
  char host[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
    return std::string(host) + ":" + std::to_string(ntohs(in->sin_port));
  }
  if (addr.ss_family == AF_INET6) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
    return "[" + std::string(host) + "]:" + std::to_string(ntohs(in6->sin6_port));
  }
  if (addr.ss_family == AF_UNIX) return "unix:" + std::string(reinterpret_cast<sockaddr_un*>(&addr)->sun_path);
  return "?";
}

std::vector<Listener> bind_listeners(const std::vector<std::string>& addresses, int backlog) {
  std::vector<Listener> listeners;
  for (const auto& address : addresses) {
    bool is_unix = address.starts_with("unix:");
    UniqueFd fd = is_unix ? bind_unix(address.substr(5), backlog) : bind_tcp(address, backlog);
    std::string shown = is_unix ? address : local_address(fd.get());
    listeners.push_back({std::move(fd), shown, is_unix});
  }
  return listeners;
}

std::vector<Listener> inherited_listeners() {
  std::vector<Listener> listeners;
  if (const char* fds = std::getenv(kInheritedFdsVariable)) {
    for (int fd : parse_fd_list(fds)) listeners.push_back(adopt(fd, ListenerOwner::old_master));
    ::unsetenv(kInheritedFdsVariable);
    return listeners;
  }
  // systemd socket activation: LISTEN_FDS sockets start at descriptor 3.
  const char* count = std::getenv("LISTEN_FDS");
  const char* pid = std::getenv("LISTEN_PID");
  if (count && pid && std::atol(pid) == ::getpid()) {
    for (int i = 0; i < std::atoi(count); ++i)
      listeners.push_back(adopt(3 + i, ListenerOwner::systemd));
  }
  ::unsetenv("LISTEN_FDS");
  ::unsetenv("LISTEN_PID");
  ::unsetenv("LISTEN_FDNAMES");
  return listeners;
}

void remove_unix_socket(const Listener& listener) {
  if (listener.is_unix && listener.address.starts_with("unix:"))
    ::unlink(listener.address.substr(5).c_str());
}

}  // namespace construction
