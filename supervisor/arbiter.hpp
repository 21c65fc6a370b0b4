// The master ("arbiter"): binds the sockets, forks the workers, then only
// supervises. Its loop reads like a table of contents:
//   wait → handle signals → reap → kill the late → keep the count
// Signals arrive as data through a signalfd (SignalQueue) and are dispatched
// by name (handle_hup, handle_ttin, …). See DESIGN.md and SIGNALS.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/config.hpp"
#include "runtime/listener.hpp"
#include "runtime/scoreboard.hpp"
#include "supervisor/pid_file.hpp"
#include "supervisor/signal_queue.hpp"
#include "supervisor/worker_table.hpp"
#include "worker/application.hpp"

namespace construction {

// How the master was started, kept to re-read the configuration on HUP and
// to exec a new master on USR2.
struct MasterStartup {
  std::vector<std::string> original_argv;  // the whole command line
  std::vector<std::string> serve_args;     // the flags after "serve"
  Environment environment;                 // the process environment at start
  std::string env_file = ".env";
};

class Arbiter {
 public:
  Arbiter(MasterStartup startup, Config config, Application& application);
  // Serves until stopped; returns the process exit status.
  int run();

 private:
  int start();
  void wait_for_events();
  void handle_signals();
  void reap_workers();
  void murder_lazy_workers();
  void note_booted_workers();
  void manage_workers();
  int finish();

  void handle_hup();
  void handle_term();
  void handle_int();
  void handle_quit();
  void handle_ttin();
  void handle_ttou();
  void handle_usr1();
  void handle_usr2();
  void handle_winch();

  void spawn_worker();
  void signal_worker(WorkerRecord& worker, int signo);
  void classify_exit(WorkerRecord& worker, int status);
  void note_unexpected_death(const WorkerRecord& worker);
  void note_new_master_exit(int status);
  void retire_old_generations();
  void abandon_reload();
  void begin_stop(bool graceful);
  void check_stop_progress();
  void answer_the_queue();
  void halt(int status, const std::string& reason);
  [[noreturn]] void exec_new_master();
  std::string title() const;

  MasterStartup startup_;
  Config config_;
  Config stable_config_;  // what served before a reload began
  Application& app_;
  SignalQueue signals_;
  Scoreboard scoreboard_;
  std::vector<Listener> listeners_;
  WorkerTable workers_;
  PidFile pid_file_;
  pid_t master_pid_;
  pid_t parent_at_start_;  // after a USR2 upgrade: the old master

  int target_workers_;
  uint32_t generation_ = 1;
  uint32_t stable_generation_ = 1;
  bool reloading_ = false;
  bool ever_booted_ = false;
  bool ready_notified_ = false;
  int boot_failures_ = 0;  // workers in a row that died before they were ready
  int64_t last_boot_failure_ns_ = 0;
  int64_t next_spawn_ns_ = 0;
  pid_t new_master_pid_ = 0;
  bool upgraded_ = false;  // a new master has taken the sockets over

  bool stopping_ = false;
  bool graceful_stop_ = true;
  int64_t stop_deadline_ns_ = 0;
  bool stop_kill_sent_ = false;
  std::optional<int> exit_status_;
  std::optional<int> halt_status_;  // set when the first boot failed
};

}  // namespace construction
