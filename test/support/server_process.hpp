// The real server as a child process, for [process] tests (in the manner of
// Unicorn's t/ tests): started with flags and environment, in its own
// working directory and process group, its logs captured to files the test
// reads, real signals sent to it. Whatever a test leaves running is killed
// when the ServerProcess goes away.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace construction::testing {

using namespace std::chrono_literals;

struct ServerOptions {
  std::string binary;                      // default: the tests' server (CONSTRUCTION_TESTSERVER)
  std::vector<std::string> args;           // after "serve"; -b is added unless bind is given
  std::map<std::string, std::string> env;  // added to the test's environment
  std::vector<std::string> unset_env;      // removed from it
  bool bind = true;                        // add -b 127.0.0.1:PORT
  bool wait_ready = true;                  // wait for "Ready:" in the error log
  std::string command = "serve";
  int listen_fd = -1;                // hand this socket over as systemd does (LISTEN_FDS=1, fd 3)
  std::vector<std::string> wrapper;  // a command to run the server under, e.g. unshare
};

// A TCP socket listening on a free loopback port, without CLOEXEC, as
// systemd passes one: for ServerOptions::listen_fd. Throws when the kernel
// refuses.
struct LoopbackListener {
  int fd;
  int port;
};
LoopbackListener loopback_listener();

class ServerProcess {
 public:
  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  pid_t pid() const { return pid_; }
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }

  void signal(int signo) const;
  // The exit status once the master has exited, or nullopt after the timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

  std::string error_log() const;   // the master's and workers' stderr
  std::string access_log() const;  // stdout
  // Waits until the error log contains `needle` after byte `from`.
  bool wait_for_log(const std::string& needle, std::chrono::milliseconds timeout,
                    size_t from = 0) const;
  // Counts occurrences of `needle` in the error log.
  size_t count_in_log(const std::string& needle) const;

  std::vector<pid_t> worker_pids() const;
  bool wait_for_workers(size_t count, std::chrono::milliseconds timeout) const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string dir_;
  bool exited_ = false;
};

// /proc/PID/cmdline as `ps` shows it.
std::string process_title(pid_t pid);
std::vector<pid_t> children_of(pid_t parent);         // living ones
std::vector<pid_t> zombie_children_of(pid_t parent);  // exited, not yet reaped
bool process_alive(pid_t pid);
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);
std::string read_file(const std::string& path);
// The directory of a fresh temporary folder.
std::string make_temp_dir(const std::string& prefix);

}  // namespace construction::testing
