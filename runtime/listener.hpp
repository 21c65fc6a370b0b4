// The listening sockets. The master binds them before forking so every
// worker accepts on the same ones; they may also come from systemd
// (LISTEN_FDS) or from the old master of a USR2 upgrade (CONSTRUCTION_FDS).
#pragma once

#include <string>
#include <vector>

#include "runtime/unique_fd.hpp"

namespace construction {

// Who else holds a listening socket, and so keeps its queued connections
// when this process closes it.
enum class ListenerOwner {
  this_master,  // bound here: nobody else
  systemd,      // socket activation: systemd holds it for the next master
  old_master,   // a USR2 upgrade: the old master holds it while it runs
};

struct Listener {
  UniqueFd fd;
  std::string address;  // as configured: "0.0.0.0:8000", "[::1]:8000", "unix:/run/x.sock"
  bool is_unix = false;
  ListenerOwner owner = ListenerOwner::this_master;
};

// The environment variable that hands listening sockets to a new master.
inline constexpr const char* kInheritedFdsVariable = "CONSTRUCTION_FDS";

// Binds each address (throws std::system_error naming it on failure).
std::vector<Listener> bind_listeners(const std::vector<std::string>& addresses, int backlog);

// Sockets passed by systemd socket activation or by an old master, if any;
// the variables that carried them are removed from the environment.
std::vector<Listener> inherited_listeners();

// "0.0.0.0:8000" for a bound socket (the real port when 0 was asked for).
std::string local_address(int fd);

// Removes unix socket files at exit (not inherited ones' paths owned by another master).
void remove_unix_socket(const Listener& listener);

}  // namespace construction
