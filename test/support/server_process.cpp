#include "test/support/server_process.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "test/support/http_client.hpp"

extern char** environ;

namespace construction::testing {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string make_temp_dir(const std::string& prefix) {
  std::string pattern = "/tmp/" + prefix + "-XXXXXX";
  char* made = ::mkdtemp(pattern.data());
  return made ? std::string(made) : std::string("/tmp");
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
}

std::string process_title(pid_t pid) {
  std::string raw = read_file("/proc/" + std::to_string(pid) + "/cmdline");
  while (!raw.empty() && raw.back() == '\0') raw.pop_back();
  for (char& c : raw)
    if (c == '\0') c = ' ';
  return raw;
}

bool process_alive(pid_t pid) {
  std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  if (stat.empty()) return false;
  auto close_paren = stat.rfind(')');
  return close_paren != std::string::npos && stat.size() > close_paren + 2 &&
         stat[close_paren + 2] != 'Z';
}

namespace {
std::vector<pid_t> children_where(pid_t parent, bool zombies) {
  std::vector<pid_t> found;
  DIR* proc = ::opendir("/proc");
  if (!proc) return found;
  while (dirent* entry = ::readdir(proc)) {
    pid_t pid = std::atoi(entry->d_name);
    if (pid <= 0) continue;
    std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    auto close_paren = stat.rfind(')');
    if (close_paren == std::string::npos) continue;
    std::istringstream rest(stat.substr(close_paren + 2));
    char state;
    pid_t ppid;
    rest >> state >> ppid;
    if (ppid == parent && (state == 'Z') == zombies) found.push_back(pid);
  }
  ::closedir(proc);
  return found;
}
}  // namespace

std::vector<pid_t> children_of(pid_t parent) {
  return children_where(parent, false);
}
std::vector<pid_t> zombie_children_of(pid_t parent) {
  return children_where(parent, true);
}

ServerProcess::ServerProcess(ServerOptions options) {
  dir_ = make_temp_dir("construction-test");
  port_ = free_port();
  std::string binary = options.binary.empty() ? CONSTRUCTION_TESTSERVER : options.binary;
  std::vector<std::string> argv = options.wrapper;
  argv.push_back(binary);
  argv.push_back(options.command);
  if (options.bind) {
    argv.push_back("-b");
    argv.push_back("127.0.0.1:" + std::to_string(port_));
  }
  argv.insert(argv.end(), options.args.begin(), options.args.end());

  pid_ = ::fork();
  if (pid_ == 0) {
    ::setpgid(0, 0);
    if (::chdir(dir_.c_str()) != 0) ::_exit(126);
    int out = ::open((dir_ + "/stdout.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int err = ::open((dir_ + "/stderr.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::setenv("APP_ENV", "development", 0);
    if (options.listen_fd >= 0) {
      ::dup2(options.listen_fd, 3);
      ::setenv("LISTEN_FDS", "1", 1);
      ::setenv("LISTEN_PID", std::to_string(::getpid()).c_str(), 1);
    }
    for (const auto& name : options.unset_env) ::unsetenv(name.c_str());
    for (const auto& [k, v] : options.env) ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  if (options.wait_ready) wait_for_log("] Ready: ", 20s);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(-pid_, SIGKILL);  // the whole process group: master, workers, a new master
    if (!exited_) ::waitpid(pid_, nullptr, 0);
  }
}

void ServerProcess::signal(int signo) const {
  ::kill(pid_, signo);
}

std::optional<int> ServerProcess::wait_exit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(20ms);
  }
  return std::nullopt;
}

std::string ServerProcess::error_log() const {
  return read_file(dir_ + "/stderr.log");
}
std::string ServerProcess::access_log() const {
  return read_file(dir_ + "/stdout.log");
}

bool ServerProcess::wait_for_log(const std::string& needle, std::chrono::milliseconds timeout,
                                 size_t from) const {
  return wait_until(
      [&] {
        std::string log = error_log();
        return log.size() > from && log.find(needle, from) != std::string::npos;
      },
      timeout);
}

size_t ServerProcess::count_in_log(const std::string& needle) const {
  std::string log = error_log();
  size_t count = 0;
  for (size_t at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1))
    ++count;
  return count;
}

std::vector<pid_t> ServerProcess::worker_pids() const {
  std::vector<pid_t> workers;
  for (pid_t child : children_of(pid_))
    if (process_title(child).starts_with("construction: worker")) workers.push_back(child);
  return workers;
}

bool ServerProcess::wait_for_workers(size_t count, std::chrono::milliseconds timeout) const {
  return wait_until([&] { return worker_pids().size() == count; }, timeout);
}

LoopbackListener loopback_listener() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);  // inherited: no CLOEXEC
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd, 16) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("loopback_listener: no listening socket");
  }
  return {fd, ntohs(addr.sin_port)};
}

}  // namespace construction::testing
