#include "worker/worker.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>
#include <random>

#include "runtime/log.hpp"
#include "runtime/process_title.hpp"
#include "worker/abort_report.hpp"
#include "worker/builtin_routes.hpp"
#include "worker/heap.hpp"
#include "worker/http_session.hpp"

namespace construction {

namespace {

volatile std::sig_atomic_t stop_requested = 0;
volatile std::sig_atomic_t reopen_requested = 0;
std::atomic<int64_t> stop_requested_ns{0};  // when TERM came (clock_gettime is signal-safe)
WorkerSlot* current_slot = nullptr;         // for the ABRT handler's last words

void on_term(int) {
  if (!stop_requested) stop_requested_ns.store(monotonic_ns(), std::memory_order_relaxed);
  stop_requested = 1;
}
void on_usr1(int) {
  reopen_requested = 1;
}
void on_quit(int) {
  _exit(0);
}

// The watchdog sends ABRT to a worker stuck past the timeout: say where it
// was stuck, then go.
void on_abort(int) {
  write_abort_report(2, current_slot);
  _exit(1);
}

void install_signal_handlers() {
  struct sigaction sa {};
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  auto handle = [&sa](int signo, void (*handler)(int)) {
    sa.sa_handler = handler;
    ::sigaction(signo, &sa, nullptr);
  };
  handle(SIGTERM, on_term);
  handle(SIGUSR1, on_usr1);
  handle(SIGINT, on_quit);
  handle(SIGQUIT, on_quit);
  handle(SIGABRT, on_abort);
  for (int ignored : {SIGHUP, SIGUSR2, SIGWINCH, SIGTTIN, SIGTTOU, SIGPIPE})
    handle(ignored, SIG_IGN);
}

std::string peer_address(const sockaddr_storage& addr) {
  char host[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&addr)->sin_addr, host, sizeof host);
  else if (addr.ss_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_addr, host,
                sizeof host);
  std::string text = host;
  if (text.starts_with("::ffff:") && text.find('.') != std::string::npos) text = text.substr(7);
  return text;  // empty for a unix socket
}

class WorkerLoop {
 public:
  explicit WorkerLoop(WorkerLaunch& launch)
      : l_(launch),
        slot_(launch.scoreboard.slot(launch.slot)),
        access_log_(launch.config.access_logfile),
        queue_wait_(launch.config.max_queue_wait_ms) {}

  int run() {
    if (int status = boot(); status != 0) return status;
    http::SessionDeps deps{
        l_.config,      l_.application, router_, l_.scoreboard,  slot_,
        access_log_,    clock_,         ids_,    stop_requested, [this] { return recycle_due(); },
        listener_fds(), queue_wait_};
    while (!stop_requested) {
      Scoreboard::beat(slot_);
      handle_reopen();
      sockaddr_storage peer{};
      int fd = accept_next(peer);
      if (fd < 0) {
        // Idle (or interrupted): the moment to look for a vanished master
        // (a busy worker learns it from PR_SET_PDEATHSIG) and to give back
        // the heap held for the next request.
        if (orphaned()) break;
        queue_wait_.flush();
        if (heap_held_) release_idle_heap();
        heap_held_ = false;
        continue;
      }
      serve(deps, fd, peer);
      heap_held_ = true;
      if (recycle_due()) {
        slot_.recycling = 1;
        break;
      }
    }
    if (stop_requested) drain_accept_queue(deps);
    slot_.state = WorkerState::stopping;
    log::info("Worker exiting (pid: ", ::getpid(), ")");
    return 0;
  }

 private:
  int boot() {
    current_slot = &slot_;
    set_process_title("construction: worker [" + std::to_string(l_.number) + "]");
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    hold_heap_between_requests();
    log::info("Booting worker with pid: ", ::getpid());
    http::add_builtin_routes(router_, l_.scoreboard, &l_.application);
    try {
      WorkerInfo info{l_.config, l_.scoreboard, slot_, l_.number};
      l_.application.boot_worker(info, router_);
    } catch (const BootError& e) {
      log::error("Worker failed to boot: ", e.what());
      return kBootErrorExitStatus;
    }
    prepare_listeners();
    request_limit_ = pick_request_limit();
    queue_wait_.start();
    slot_.state = WorkerState::idle;
    Scoreboard::beat(slot_);
    return 0;
  }

  // A blocking accept that gives up after a second wakes one idle worker per
  // connection (the kernel queues accepters FIFO) and still lets the loop
  // beat. With several listeners, poll() them instead.
  void prepare_listeners() {
    timeval one_second{1, 0};
    for (auto& listener : l_.listeners)
      ::setsockopt(listener.fd.get(), SOL_SOCKET, SO_RCVTIMEO, &one_second, sizeof one_second);
  }

  void serve(http::SessionDeps& deps, int fd, const sockaddr_storage& peer) {
    http::HttpSession(deps, fd, peer_address(peer)).run();
    ::close(fd);
  }

  // On TERM the connections already in the accept queue came from clients
  // who were told nothing of the stop: closing the last descriptor of the
  // listening socket would reset them. Serve them first, until the queue is
  // empty or half of graceful-timeout has passed (the other half is for the
  // last request, before the master's KILL).
  void drain_accept_queue(http::SessionDeps& deps) {
    int64_t grace = static_cast<int64_t>(l_.config.graceful_timeout) * 1000000000 / 2;
    int64_t until = stop_requested_ns.load(std::memory_order_relaxed) + grace;
    size_t served = 0;
    while (monotonic_ns() < until && http::SocketStream::any_readable(deps.listeners, 0)) {
      Scoreboard::beat(slot_);
      sockaddr_storage peer{};
      int fd = accept_next(peer);
      if (fd < 0) continue;
      serve(deps, fd, peer);
      ++served;
    }
    if (served) log::info("Served ", served, " queued connections before exiting");
  }

  int accept_next(sockaddr_storage& peer) {
    socklen_t len = sizeof peer;
    if (l_.listeners.size() == 1)
      return ::accept4(l_.listeners[0].fd.get(), reinterpret_cast<sockaddr*>(&peer), &len,
                       SOCK_CLOEXEC);
    std::vector<pollfd> fds;
    for (auto& listener : l_.listeners) fds.push_back({listener.fd.get(), POLLIN, 0});
    if (::poll(fds.data(), fds.size(), 1000) <= 0) return -1;
    for (auto& p : fds) {
      if (!(p.revents & POLLIN)) continue;
      int fd = ::accept4(p.fd, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_CLOEXEC);
      if (fd >= 0) return fd;
    }
    return -1;
  }

  std::vector<int> listener_fds() const {
    std::vector<int> fds;
    for (auto& listener : l_.listeners) fds.push_back(listener.fd.get());
    return fds;
  }

  void handle_reopen() {
    if (!reopen_requested) return;
    reopen_requested = 0;
    log::reopen();
    access_log_.reopen();
    log::info("Reopened log files");
  }

  bool orphaned() const {
    if (::getppid() == l_.master) return false;
    log::info("Parent changed, shutting down: ", ::getpid());
    return true;
  }

  uint64_t pick_request_limit() const {
    if (l_.config.max_requests <= 0) return 0;
    std::random_device seed;
    std::uniform_int_distribution<int> jitter(0, l_.config.max_requests_jitter);
    return static_cast<uint64_t>(l_.config.max_requests) + static_cast<uint64_t>(jitter(seed));
  }

  bool recycle_due() {
    if (request_limit_ && slot_.requests.load(std::memory_order_relaxed) >= request_limit_) {
      if (!recycle_logged_) log::info("Autorestarting worker after current request.");
      recycle_logged_ = true;
      return true;
    }
    if (l_.config.max_worker_memory_mb > 0) {
      rusage usage{};
      ::getrusage(RUSAGE_SELF, &usage);
      long mb = usage.ru_maxrss / 1024;
      if (mb >= l_.config.max_worker_memory_mb) {
        if (!recycle_logged_)
          log::info("Worker RSS ", mb, " MB passed max-worker-memory ",
                    l_.config.max_worker_memory_mb, " MB; recycling after the current request");
        recycle_logged_ = true;
        return true;
      }
    }
    return false;
  }

  WorkerLaunch& l_;
  WorkerSlot& slot_;
  http::Router router_;
  http::AccessLog access_log_;
  http::WallClock clock_;
  http::RequestIdGenerator ids_;
  http::QueueWaitLimit queue_wait_;
  uint64_t request_limit_ = 0;
  bool recycle_logged_ = false;
  bool heap_held_ = false;  // served since the heap was last given back
};

}  // namespace

int run_worker(WorkerLaunch launch) {
  install_signal_handlers();
  return WorkerLoop(launch).run();
}

}  // namespace construction
