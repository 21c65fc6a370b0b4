#include "supervisor/arbiter.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "runtime/log.hpp"
#include "runtime/process_title.hpp"
#include "runtime/syscall.hpp"
#include "runtime/version.hpp"
#include "supervisor/queued_connections.hpp"
#include "supervisor/systemd_notify.hpp"
#include "worker/worker.hpp"

namespace construction {

namespace {

constexpr int64_t kSecond = 1000000000;
constexpr int64_t kMaxBackoffNs = 10 * kSecond;
constexpr int64_t kAbortGraceNs = 1 * kSecond;  // ABRT, then KILL a second later
constexpr int64_t kQuickStopNs = 2 * kSecond;

std::string tenths(int64_t ns) {
  int64_t t = ns / (kSecond / 10);
  return std::to_string(t / 10) + "." + std::to_string(t % 10);
}

int64_t backoff_ns(int boot_failures) {
  if (boot_failures <= 1) return 0;
  int64_t delay = kSecond / 10;
  for (int i = 2; i < boot_failures && delay < kMaxBackoffNs; ++i) delay *= 2;
  return std::min(delay, kMaxBackoffNs);
}

std::string signal_title(int signo) {
  std::string name(signal_name(signo));
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "SIG" + name;
}

}  // namespace

Arbiter::Arbiter(MasterStartup startup, Config config, Application& application)
    : startup_(std::move(startup)),
      config_(std::move(config)),
      stable_config_(config_),
      app_(application),
      pid_file_(config_.pid_file),
      master_pid_(::getpid()),
      parent_at_start_(::getppid()),
      target_workers_(config_.workers) {}

int Arbiter::run() {
  if (int status = start(); status != 0) return status;
  while (!exit_status_) {
    wait_for_events();
    handle_signals();
    reap_workers();
    murder_lazy_workers();
    if (stopping_) {
      check_stop_progress();
      continue;
    }
    note_booted_workers();
    manage_workers();
  }
  return finish();
}

int Arbiter::start() {
  ::signal(SIGPIPE, SIG_IGN);
  log::info("Starting construction ", CONSTRUCTION_VERSION);
  try {
    listeners_ = inherited_listeners();
    if (listeners_.empty()) listeners_ = bind_listeners(config_.bind, config_.backlog);
  } catch (const std::exception& e) {
    log::error("Cannot listen: ", e.what());
    return 1;
  }
  if (listeners_.size() > 1)
    for (auto& l : listeners_) ::fcntl(l.fd.get(), F_SETFL, O_NONBLOCK);
  if (auto refusal = app_.check_capacity(config_, target_workers_)) {
    log::error(*refusal);
    return 2;
  }
  for (auto& l : listeners_)
    log::info("Listening at: ", l.is_unix ? "" : "http://", l.address, " (", master_pid_, ")");
  log::info("Using worker: sync");
  pid_file_.write(master_pid_);
  set_process_title(title());
  return 0;
}

std::string Arbiter::title() const {
  std::string addresses;
  for (const auto& l : listeners_) addresses += (addresses.empty() ? "" : ",") + l.address;
  return "construction: master [" + addresses + "]";
}

// Sleeps until a signal arrives, or a second passes (the watchdog's tick);
// a tenth of that while workers are booting or stopping.
void Arbiter::wait_for_events() {
  bool busy = stopping_ || reloading_ || !ready_notified_ || next_spawn_ns_ > monotonic_ns();
  pollfd p{signals_.fd(), POLLIN, 0};
  ::poll(&p, 1, busy ? 100 : 1000);
}

void Arbiter::handle_signals() {
  for (int signo : signals_.drain()) {
    // NO WORK IN HANDLERS: signals are read here, as data, and dispatched.
    if (signo != SIGCHLD) log::info("Handling signal: ", signal_name(signo));
    switch (signo) {
      case SIGHUP:
        handle_hup();
        break;
      case SIGTERM:
        handle_term();
        break;
      case SIGINT:
        handle_int();
        break;
      case SIGQUIT:
        handle_quit();
        break;
      case SIGTTIN:
        handle_ttin();
        break;
      case SIGTTOU:
        handle_ttou();
        break;
      case SIGUSR1:
        handle_usr1();
        break;
      case SIGUSR2:
        handle_usr2();
        break;
      case SIGWINCH:
        handle_winch();
        break;
      default:
        break;  // SIGCHLD: reap_workers runs every turn anyway
    }
  }
}

void Arbiter::reap_workers() {
  for (;;) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid <= 0) return;
    if (pid == new_master_pid_) {
      note_new_master_exit(status);
      continue;
    }
    WorkerRecord* worker = workers_.find(pid);
    if (!worker) continue;  // an orphan re-parented to us (as PID 1): reaped, nothing more
    classify_exit(*worker, status);
    scoreboard_.release_slot(worker->slot);
    workers_.remove(pid);
  }
}

void Arbiter::classify_exit(WorkerRecord& w, int status) {
  WorkerSlot& slot = scoreboard_.slot(w.slot);
  // The slot leaves `booting` when the worker is ready; the master's own
  // note of it (w.booted) may lag by a turn of its loop.
  if (slot.state.load() != WorkerState::booting) w.booted = ever_booted_ = true;
  bool timed_out = w.abort_sent_ns != 0;
  if (WIFEXITED(status)) {
    int code = WEXITSTATUS(status);
    if (timed_out) return;  // logged and counted by the watchdog
    if (code == 0 && slot.recycling) {
      scoreboard_.count_restart(RestartCause::recycled);
      log::info("Worker (pid:", w.pid, ") recycled");
      return;
    }
    if (code == 0 && w.term_sent_ns) return;  // asked to stop, and did
    if (code == kBootErrorExitStatus) {
      scoreboard_.count_restart(RestartCause::boot_error);
      log::error("Worker (pid:", w.pid, ") failed to boot (exit status 3)");
      if (!ever_booted_) return halt(kBootErrorExitStatus, "Worker failed to boot.");
      if (reloading_ && w.generation == generation_) return abandon_reload();
    } else {
      scoreboard_.count_restart(RestartCause::failed);
      log::error("Worker (pid:", w.pid, ") exited with code ", code);
    }
  } else if (WIFSIGNALED(status)) {
    int signo = WTERMSIG(status);
    std::string core = WCOREDUMP(status) ? " (core dumped)" : "";
    if (timed_out || w.kill_sent) {
      log::info("Worker (pid:", w.pid, ") was killed with ", signal_title(signo), core);
      return;
    }
    if (signo == SIGKILL) {
      scoreboard_.count_restart(RestartCause::killed);
      log::error("Worker (pid:", w.pid, ") was sent SIGKILL! Perhaps out of memory?");
    } else {
      scoreboard_.count_restart(RestartCause::crashed);
      log::error("Worker (pid:", w.pid, ") was sent ", signal_title(signo), "!", core);
    }
  }
  if (!w.term_sent_ns) note_unexpected_death(w);
}

// A worker that dies while serving is replaced at once (manage_workers, in
// this same turn of the loop): whatever killed it, a stream of such requests
// must not hold the service below its worker count. Only workers that die
// before they are ready, one after another, are restarted ever more slowly
// (0.1 s, 0.2 s, … up to 10 s): booting cannot work now, and a tight loop
// of forks would help nobody.
void Arbiter::note_unexpected_death(const WorkerRecord& w) {
  if (w.booted) return;
  int64_t now = monotonic_ns();
  ++boot_failures_;
  last_boot_failure_ns_ = now;
  int64_t delay = backoff_ns(boot_failures_);
  next_spawn_ns_ = now + delay;
  if (delay > 0)
    log::warning(boot_failures_, " workers in a row died before they were ready; waiting ",
                 tenths(delay), " s before starting another");
}

// The watchdog: a worker silent past the timeout gets ABRT (it logs where it
// was), then KILL a second later. A worker asked to stop gets the graceful
// timeout to finish, then KILL.
void Arbiter::murder_lazy_workers() {
  int64_t now = monotonic_ns();
  int64_t timeout = static_cast<int64_t>(config_.timeout) * kSecond;
  int64_t graceful = static_cast<int64_t>(config_.graceful_timeout) * kSecond;
  for (WorkerRecord* w : workers_.all()) {
    if (w->kill_sent) continue;
    if (w->abort_sent_ns) {
      if (now - w->abort_sent_ns > kAbortGraceNs) signal_worker(*w, SIGKILL);
      continue;
    }
    if (w->term_sent_ns && now - w->term_sent_ns > graceful) {
      log::warning("Worker (pid:", w->pid, ") did not stop within the graceful timeout (",
                   config_.graceful_timeout, " s); killing it");
      signal_worker(*w, SIGKILL);
      continue;
    }
    WorkerSlot& slot = scoreboard_.slot(w->slot);
    int64_t silent = now - slot.heartbeat_ns.load();
    if (silent <= timeout) continue;
    if (slot.state.load() == WorkerState::busy)
      log::critical("WORKER TIMEOUT (pid:", w->pid, ") while handling \"",
                    scoreboard_.request_line(w->slot), "\" for ",
                    tenths(now - slot.request_started_ns.load()), " s");
    else
      log::critical("WORKER TIMEOUT (pid:", w->pid, ") silent for ", tenths(silent), " s");
    scoreboard_.count_restart(RestartCause::timeout);
    signal_worker(*w, SIGABRT);
  }
}

void Arbiter::note_booted_workers() {
  for (WorkerRecord* w : workers_.all()) {
    if (w->booted) continue;
    WorkerState state = scoreboard_.slot(w->slot).state.load();
    if (state == WorkerState::idle || state == WorkerState::busy) {
      w->booted = ever_booted_ = true;
      boot_failures_ = 0;
    }
  }
  auto serving = workers_.serving(generation_);
  size_t booted = 0;
  for (auto* w : serving) booted += w->booted;
  bool all_up = booted == serving.size() && serving.size() == static_cast<size_t>(target_workers_);
  if (all_up && !ready_notified_) {
    ready_notified_ = true;
    systemd_notify("READY=1");
    log::info("Ready: ", booted, " workers serving");
  }
  if (all_up && reloading_) retire_old_generations();
  if (boot_failures_ && monotonic_ns() - last_boot_failure_ns_ > 2 * kMaxBackoffNs)
    boot_failures_ = 0;
}

void Arbiter::manage_workers() {
  auto serving = workers_.serving(generation_);
  int count = static_cast<int>(serving.size());
  for (int extra = count - target_workers_; extra > 0; --extra)
    signal_worker(*serving[static_cast<size_t>(extra - 1)], SIGTERM);  // oldest first
  if (count >= target_workers_ || monotonic_ns() < next_spawn_ns_) return;
  // After boot failures, one at a time, so the backoff applies to each.
  int wanted = boot_failures_ > 1 ? 1 : target_workers_ - count;
  for (int i = 0; i < wanted; ++i) spawn_worker();
}

void Arbiter::spawn_worker() {
  unsigned number = workers_.free_number(generation_);
  size_t slot = scoreboard_.claim_slot(number, generation_);
  if (slot == kMaxSlots) {
    log::error("No free scoreboard slot for another worker (", kMaxSlots, " in use)");
    return;
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    log::error("fork failed: ", std::strerror(errno));
    scoreboard_.release_slot(slot);
    next_spawn_ns_ = monotonic_ns() + kSecond;
    return;
  }
  if (pid == 0) {
    signals_.restore_in_child();
    int status = 1;
    try {
      status = run_worker({config_, listeners_, scoreboard_, slot, number, master_pid_, app_});
    } catch (const std::exception& e) {
      log::error("Worker crashed: ", e.what());
    }
    ::_exit(status);
  }
  scoreboard_.slot(slot).pid = pid;
  workers_.add({pid, slot, number, generation_, monotonic_ns()});
}

void Arbiter::signal_worker(WorkerRecord& w, int signo) {
  if (::kill(w.pid, signo) != 0) return;
  int64_t now = monotonic_ns();
  bool asked_to_stop = signo == SIGTERM || signo == SIGQUIT || signo == SIGINT;
  if (asked_to_stop && !w.term_sent_ns) w.term_sent_ns = now;
  if (signo == SIGABRT) w.abort_sent_ns = now;
  if (signo == SIGKILL) w.kill_sent = true;
}

// HUP: re-read the configuration and start new workers with it; the old ones
// get one TERM each only once all the new ones are up. A configuration that
// does not validate leaves the old workers serving.
void Arbiter::handle_hup() {
  if (stopping_) return;
  log::info("Hang up: Master");
  systemd_notify("RELOADING=1");
  ConfigLoad load =
      load_config(startup_.serve_args, startup_.environment, read_env_file(startup_.env_file));
  std::optional<std::string> refusal;
  if (load.ok()) refusal = app_.check_capacity(load.config, load.config.workers);
  if (!load.ok() || refusal) {
    for (const auto& e : load.errors) log::error(e);
    if (refusal) log::error(*refusal);
    log::error("Reload refused: the workers keep serving with the configuration they have");
    systemd_notify("READY=1");
    return;
  }
  if (load.config.secret_key.empty()) load.config.secret_key = config_.secret_key;  // dev key
  if (load.config.bind != config_.bind)
    log::warning("bind changed; the sockets stay as they are until a restart or USR2 upgrade");
  if (!reloading_) {
    stable_config_ = config_;
    stable_generation_ = generation_;
  }
  config_ = load.config;
  log::configure(config_.error_logfile, config_.log_level);
  ++generation_;
  target_workers_ = config_.workers;
  reloading_ = true;
  boot_failures_ = 0;
  next_spawn_ns_ = 0;
}

void Arbiter::retire_old_generations() {
  size_t retired = 0;
  for (WorkerRecord* w : workers_.all())
    if (w->generation != generation_ && !w->term_sent_ns) {
      signal_worker(*w, SIGTERM);
      ++retired;
    }
  reloading_ = false;
  log::info("Reload complete: ", target_workers_, " new workers up, ", retired,
            " old ones stopping");
  systemd_notify("READY=1");
}

void Arbiter::abandon_reload() {
  log::error("Reload failed: the new workers could not boot; the old workers keep serving");
  for (WorkerRecord* w : workers_.all())
    if (w->generation != stable_generation_) signal_worker(*w, SIGTERM);
  config_ = stable_config_;
  log::configure(config_.error_logfile, config_.log_level);
  generation_ = stable_generation_;
  target_workers_ = config_.workers;
  reloading_ = false;
  systemd_notify("READY=1");
}

void Arbiter::handle_term() {
  begin_stop(true);
}
void Arbiter::handle_int() {
  begin_stop(false);
}
void Arbiter::handle_quit() {
  begin_stop(false);
}

void Arbiter::handle_ttin() {
  int wanted = target_workers_ + 1;
  if (auto refusal = app_.check_capacity(config_, wanted)) {
    log::error("TTIN ignored: ", *refusal);
    return;
  }
  target_workers_ = wanted;
  log::info("Workers: ", target_workers_);
}

void Arbiter::handle_ttou() {
  if (target_workers_ <= 1) {
    log::info("TTOU ignored: the last worker stays");
    return;
  }
  --target_workers_;
  log::info("Workers: ", target_workers_);
}

void Arbiter::handle_usr1() {
  log::reopen();
  for (WorkerRecord* w : workers_.all()) ::kill(w->pid, SIGUSR1);
}

void Arbiter::handle_winch() {
  log::info("Graceful stop of all workers; the master stays (HUP starts them again)");
  target_workers_ = 0;
}

// USR2: exec a new master that inherits the listening sockets. This master
// keeps serving until it is sent TERM or QUIT; its pid file becomes .oldbin.
void Arbiter::handle_usr2() {
  if (new_master_pid_) {
    log::warning("USR2 ignored: an upgrade is already running (new master pid ", new_master_pid_,
                 ")");
    return;
  }
  pid_file_.rename_to_oldbin();
  pid_t pid = ::fork();
  if (pid < 0) {
    log::error("USR2: fork failed: ", std::strerror(errno));
    pid_file_.restore_from_oldbin();
    return;
  }
  if (pid == 0) exec_new_master();
  new_master_pid_ = pid;
  upgraded_ = true;
  log::info("Upgrading: started a new master (pid: ", pid, ")");
  systemd_notify("MAINPID=" + std::to_string(pid));
}

void Arbiter::exec_new_master() {
  signals_.restore_in_child();
  std::string fds;
  for (auto& l : listeners_) {
    ::fcntl(l.fd.get(), F_SETFD, 0);  // survive exec
    fds += (fds.empty() ? "" : ",") + std::to_string(l.fd.get());
  }
  ::setenv(kInheritedFdsVariable, fds.c_str(), 1);
  std::vector<char*> argv;
  for (auto& a : startup_.original_argv) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  log::error("USR2: cannot exec ", startup_.original_argv[0], ": ", std::strerror(errno));
  ::_exit(127);
}

void Arbiter::note_new_master_exit(int status) {
  new_master_pid_ = 0;
  upgraded_ = false;
  std::string how = WIFEXITED(status) ? "exited with code " + std::to_string(WEXITSTATUS(status))
                                      : "was killed by " + signal_title(WTERMSIG(status));
  log::error("The new master ", how, "; this master keeps serving");
  pid_file_.restore_from_oldbin();
  systemd_notify("MAINPID=" + std::to_string(master_pid_));
}

void Arbiter::begin_stop(bool graceful) {
  if (stopping_ && (graceful || !graceful_stop_)) return;
  stopping_ = true;
  graceful_stop_ = graceful;
  int64_t grace =
      graceful ? static_cast<int64_t>(config_.graceful_timeout) * kSecond : kQuickStopNs;
  stop_deadline_ns_ = monotonic_ns() + grace;
  systemd_notify("STOPPING=1");
  log::info(graceful ? "Graceful shutdown: workers finish their requests and the queued ones"
                     : "Quick shutdown: workers stop now");
  // The listening sockets stay open until the master exits: the kernel
  // resets a socket's queued connections when its last descriptor closes,
  // and the workers are still serving them (SIGNALS.md, TERM).
  for (WorkerRecord* w : workers_.all()) signal_worker(*w, graceful ? SIGTERM : SIGQUIT);
}

void Arbiter::check_stop_progress() {
  if (workers_.empty()) {
    answer_the_queue();
    exit_status_ = exit_status_.value_or(0);
    return;
  }
  if (monotonic_ns() < stop_deadline_ns_ || stop_kill_sent_) return;
  stop_kill_sent_ = true;
  for (WorkerRecord* w : workers_.all()) signal_worker(*w, SIGKILL);
}

// With the last worker gone, what is still queued on the listening sockets
// would be reset when they close: the master answers it 503 first. Unless
// another process holds the sockets and will serve the queue: the new
// master of an upgrade, systemd (socket activation), or the old master of
// the upgrade that started this one, while it runs.
void Arbiter::answer_the_queue() {
  if (upgraded_) return;
  for (const auto& l : listeners_) {
    if (l.owner == ListenerOwner::systemd) return;
    if (l.owner == ListenerOwner::old_master && ::getppid() == parent_at_start_) return;
  }
  size_t answered = answer_queued_connections(listeners_);
  if (answered)
    log::info("Answered ", answered, " queued connections with 503 before closing the listeners");
}

void Arbiter::halt(int status, const std::string& reason) {
  log::error("Reason: ", reason);
  halt_status_ = status;
  begin_stop(false);
}

int Arbiter::finish() {
  pid_file_.remove();
  if (!upgraded_)
    for (const auto& l : listeners_) remove_unix_socket(l);
  int status = halt_status_.value_or(*exit_status_);
  if (!halt_status_) log::info("Shutting down: Master");
  return status;
}

}  // namespace construction
