// The master, started for real and driven with real signals: worker count,
// titles, deaths and their causes, the watchdog, reloads, shutdowns,
// upgrades. Each test reads what an operator would: `ps`, the error log,
// and the answers on the port.
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <set>
#include <thread>

#include "test/support/http_client.hpp"
#include "test/support/server_process.hpp"

using namespace construction::testing;

namespace {

// Sends /health requests in a loop until stopped; counts what failed.
class SteadyLoad {
 public:
  explicit SteadyLoad(int port) : port_(port), thread_([this] { loop(); }) {}
  ~SteadyLoad() { stop(); }
  void stop() {
    running_ = false;
    if (thread_.joinable()) thread_.join();
  }
  int sent() const { return sent_; }
  int failed() const { return failed_; }
  std::string first_failure() const { return first_failure_; }

 private:
  void loop() {
    while (running_) {
      HttpResult r = http_get(port_, "/health", 10000);
      ++sent_;
      if (r.status != 200) {
        if (failed_++ == 0) first_failure_ = r.error + " status " + std::to_string(r.status);
      }
    }
  }
  int port_;
  std::atomic<bool> running_{true};
  std::atomic<int> sent_{0}, failed_{0};
  std::string first_failure_;
  std::thread thread_;
};

std::set<pid_t> as_set(const std::vector<pid_t>& pids) {
  return {pids.begin(), pids.end()};
}

}  // namespace

TEST_CASE("with -w 3 there is one master and three workers with Gunicorn-style titles",
          "[process]") {
  ServerProcess server({.args = {"-w", "3"}});
  REQUIRE(server.wait_for_workers(3, 5s));
  CHECK(process_title(server.pid()) ==
        "construction: master [127.0.0.1:" + std::to_string(server.port()) + "]");
  std::set<std::string> titles;
  for (pid_t w : server.worker_pids()) titles.insert(process_title(w));
  CHECK(titles == std::set<std::string>{"construction: worker [1]", "construction: worker [2]",
                                        "construction: worker [3]"});
  CHECK(http_get(server.port(), "/health").body == "ok");
}

// How soon the replacement comes is measured in bench/process_timings.py;
// here, that it comes.
TEST_CASE("a worker killed with SIGKILL is logged with its cause and replaced", "[process]") {
  ServerProcess server({.args = {"-w", "2"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  pid_t victim = server.worker_pids().front();
  ::kill(victim, SIGKILL);
  REQUIRE(wait_until(
      [&] {
        auto now = as_set(server.worker_pids());
        return now.size() == 2 && !now.count(victim);
      },
      10s));
  CHECK(server.wait_for_log(
      "Worker (pid:" + std::to_string(victim) + ") was sent SIGKILL! Perhaps out of memory?", 2s));
  CHECK(http_get(server.port(), "/health").status == 200);
}

TEST_CASE("GUNICORN_WORKERS and WEB_CONCURRENCY set the worker count", "[process]") {
  SECTION("GUNICORN_WORKERS=4") {
    ServerProcess server({.env = {{"GUNICORN_WORKERS", "4"}}});
    CHECK(server.wait_for_workers(4, 5s));
  }
  SECTION("WEB_CONCURRENCY=3 when GUNICORN_WORKERS is unset") {
    ServerProcess server({.env = {{"WEB_CONCURRENCY", "3"}}, .unset_env = {"GUNICORN_WORKERS"}});
    CHECK(server.wait_for_workers(3, 5s));
  }
  SECTION("the flag wins over the environment") {
    ServerProcess server({.args = {"-w", "1"}, .env = {{"GUNICORN_WORKERS", "4"}}});
    CHECK(server.wait_for_workers(1, 5s));
  }
}

TEST_CASE("a request that outlives the timeout is logged, its worker killed and replaced",
          "[process]") {
  ServerProcess server({.args = {"-w", "2", "--timeout", "2"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  auto before = as_set(server.worker_pids());
  std::thread stuck([&] { http_get(server.port(), "/sleep?seconds=30", 15000); });

  // The other worker keeps answering while one is stuck.
  int answered = 0;
  for (int i = 0; i < 10; ++i) {
    answered += http_get(server.port(), "/health", 2000).status == 200;
    std::this_thread::sleep_for(100ms);
  }
  CHECK(answered == 10);

  REQUIRE(server.wait_for_log("WORKER TIMEOUT (pid:", 6s));
  CHECK(server.wait_for_log("while handling \"GET /sleep?seconds=30 HTTP/1.1\" for ", 1s));
  CHECK(server.wait_for_log("Worker aborted by the watchdog while handling \"GET /sleep", 2s));
  stuck.join();
  REQUIRE(wait_until(
      [&] {
        auto now = as_set(server.worker_pids());
        int replaced = 0;
        for (pid_t p : now) replaced += !before.count(p);
        return now.size() == 2 && replaced == 1;
      },
      3s));
  CHECK(http_get(server.port(), "/metrics").body.find("construction_worker_timeouts_total 1") !=
        std::string::npos);
}

TEST_CASE("five HUPs under steady load fail no request and bring new workers", "[process]") {
  ServerProcess server({.args = {"-w", "2"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  auto before = as_set(server.worker_pids());
  SteadyLoad load(server.port());
  for (int i = 0; i < 5; ++i) {
    server.signal(SIGHUP);
    std::this_thread::sleep_for(150ms);
  }
  REQUIRE(wait_until(
      [&] {
        auto now = as_set(server.worker_pids());
        for (pid_t p : now)
          if (before.count(p)) return false;
        return now.size() == 2;
      },
      10s));
  std::this_thread::sleep_for(300ms);
  load.stop();
  CHECK(load.sent() > 50);
  INFO("first failure: " << load.first_failure());
  CHECK(load.failed() == 0);
  CHECK(server.count_in_log("Reload complete") >= 1);
}

TEST_CASE("TERM lets a slow request finish, then the master exits 0 and removes its pid file",
          "[process]") {
  ServerProcess server({.args = {"-w", "1", "--pid", "master.pid"}});
  std::string pid_file = server.dir() + "/master.pid";
  REQUIRE(read_file(pid_file) == std::to_string(server.pid()) + "\n");
  HttpResult slow;
  std::thread request([&] { slow = http_get(server.port(), "/sleep?seconds=2", 10000); });
  std::this_thread::sleep_for(500ms);  // the request is in the worker now
  server.signal(SIGTERM);
  auto status = server.wait_exit(10s);
  request.join();
  CHECK(slow.status == 200);
  CHECK(slow.body == "slept 2");
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  CHECK(::access(pid_file.c_str(), F_OK) != 0);
}

TEST_CASE("TTIN adds a worker, TTOU removes one but never the last", "[process]") {
  ServerProcess server({.args = {"-w", "2"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  server.signal(SIGTTIN);
  CHECK(server.wait_for_workers(3, 5s));
  server.signal(SIGTTOU);
  CHECK(server.wait_for_workers(2, 5s));
  server.signal(SIGTTOU);
  CHECK(server.wait_for_workers(1, 5s));
  server.signal(SIGTTOU);
  CHECK(server.wait_for_log("TTOU ignored: the last worker stays", 3s));
  CHECK(server.worker_pids().size() == 1);
}

TEST_CASE("USR2 starts a new master on the same sockets, TERM to the old one never drops the port",
          "[process]") {
  ServerProcess server({.args = {"-w", "2", "--pid", "master.pid"}});
  std::string pid_file = server.dir() + "/master.pid";
  SteadyLoad load(server.port());
  server.signal(SIGUSR2);
  pid_t new_master = 0;
  REQUIRE(wait_until(
      [&] {
        for (pid_t child : children_of(server.pid()))
          if (process_title(child).starts_with("construction: master")) new_master = child;
        return new_master && read_file(pid_file) == std::to_string(new_master) + "\n";
      },
      10s));
  CHECK(read_file(pid_file + ".oldbin") == std::to_string(server.pid()) + "\n");
  REQUIRE(wait_until([&] { return children_of(new_master).size() == 2; }, 10s));

  server.signal(SIGTERM);
  REQUIRE(server.wait_exit(10s) == 0);
  std::this_thread::sleep_for(300ms);
  load.stop();
  INFO("first failure: " << load.first_failure());
  CHECK(load.failed() == 0);
  CHECK(load.sent() > 20);

  // The new master serves alone now, with workers of its own.
  HttpResult r = http_get(server.port(), "/pid");
  REQUIRE(r.status == 200);
  pid_t serving_worker = std::stoi(r.body);
  auto new_workers = children_of(new_master);
  CHECK(std::find(new_workers.begin(), new_workers.end(), serving_worker) != new_workers.end());
  ::kill(new_master, SIGTERM);
  CHECK(wait_until([&] { return !process_alive(new_master); }, 10s));
}

TEST_CASE("max-requests recycles a worker after that many requests", "[process]") {
  ServerProcess server({.args = {"-w", "1", "--max-requests", "10"}});
  REQUIRE(server.wait_for_workers(1, 5s));
  pid_t first = server.worker_pids().front();
  std::set<std::string> pids;
  for (int i = 0; i < 25; ++i) {
    HttpResult r = http_get(server.port(), "/pid");
    REQUIRE(r.status == 200);
    pids.insert(r.body);
  }
  CHECK(pids.size() == 3);  // 10 + 10 + 5
  CHECK(pids.count(std::to_string(first)) == 1);
  CHECK(server.count_in_log("Autorestarting worker after current request.") >= 2);
  CHECK(server.count_in_log(") recycled") >= 2);
}

TEST_CASE("a worker that fails to boot on the first start stops the master with status 3",
          "[process]") {
  std::string flag = make_temp_dir("boot-error") + "/fail";
  std::ofstream(flag) << "1";
  ServerProcess server({.env = {{"TESTSERVER_BOOT_ERROR_FILE", flag}}, .wait_ready = false});
  auto status = server.wait_exit(10s);
  REQUIRE(status.has_value());
  CHECK(*status == 3);
  CHECK(server.error_log().find("Worker failed to boot: boot error requested by the test") !=
        std::string::npos);
  CHECK(server.error_log().find("Reason: Worker failed to boot.") != std::string::npos);
  // The other workers were told to stop: their exit is no error.
  CHECK(server.error_log().find("exited with code") == std::string::npos);
}

TEST_CASE("a reload whose workers cannot boot keeps the old workers serving", "[process]") {
  std::string flag = make_temp_dir("boot-error") + "/fail";
  ServerProcess server({.args = {"-w", "2"}, .env = {{"TESTSERVER_BOOT_ERROR_FILE", flag}}});
  REQUIRE(server.wait_for_workers(2, 5s));
  auto before = as_set(server.worker_pids());
  std::ofstream(flag) << "1";
  server.signal(SIGHUP);
  REQUIRE(server.wait_for_log("Reload failed: the new workers could not boot", 10s));
  std::this_thread::sleep_for(500ms);
  CHECK(as_set(server.worker_pids()) == before);
  CHECK(http_get(server.port(), "/health").status == 200);
  CHECK(process_alive(server.pid()));
}

TEST_CASE("a reload with an invalid configuration is refused and the workers keep serving",
          "[process]") {
  ServerProcess server({.args = {"-w", "2"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  auto before = as_set(server.worker_pids());
  std::ofstream(server.dir() + "/.env") << "GUNICORN_TIMEOUT=soon\n";
  server.signal(SIGHUP);
  REQUIRE(server.wait_for_log("Reload refused", 5s));
  CHECK(
      server.error_log().find("Invalid value for timeout: \"soon\" (from .env GUNICORN_TIMEOUT)") !=
      std::string::npos);
  std::this_thread::sleep_for(300ms);
  CHECK(as_set(server.worker_pids()) == before);
  CHECK(http_get(server.port(), "/health").status == 200);
}

TEST_CASE("HUP re-reads the .env file", "[process]") {
  ServerProcess server({.args = {}, .unset_env = {"GUNICORN_WORKERS", "WEB_CONCURRENCY"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  std::ofstream(server.dir() + "/.env") << "GUNICORN_WORKERS=3\n";
  server.signal(SIGHUP);
  CHECK(server.wait_for_workers(3, 10s));
}

TEST_CASE("WINCH stops the workers and keeps the master, HUP brings them back", "[process]") {
  ServerProcess server({.args = {"-w", "2"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  server.signal(SIGWINCH);
  REQUIRE(server.wait_for_workers(0, 5s));
  CHECK(process_alive(server.pid()));
  server.signal(SIGHUP);
  CHECK(server.wait_for_workers(2, 5s));
  CHECK(http_get(server.port(), "/health").status == 200);
}

TEST_CASE("INT stops the master and its workers at once", "[process]") {
  ServerProcess server({.args = {"-w", "2"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  auto workers = server.worker_pids();
  std::thread slow([&] { http_get(server.port(), "/sleep?seconds=20", 15000); });
  std::this_thread::sleep_for(300ms);
  server.signal(SIGINT);
  auto status = server.wait_exit(5s);
  slow.join();
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  for (pid_t w : workers) CHECK_FALSE(process_alive(w));
}

TEST_CASE("USR1 reopens the log files", "[process]") {
  ServerProcess server(
      {.args = {"-w", "1", "--access-logfile", "access.log", "--error-logfile", "error.log"},
       .wait_ready = false});
  std::string dir = server.dir();
  REQUIRE(wait_until(
      [&] { return read_file(dir + "/error.log").find("Ready:") != std::string::npos; }, 10s));
  REQUIRE(http_get(server.port(), "/health").status == 200);
  REQUIRE(::rename((dir + "/access.log").c_str(), (dir + "/access.log.1").c_str()) == 0);
  REQUIRE(::rename((dir + "/error.log").c_str(), (dir + "/error.log.1").c_str()) == 0);
  server.signal(SIGUSR1);
  REQUIRE(wait_until(
      [&] { return read_file(dir + "/error.log").find("Reopened log files") != std::string::npos; },
      5s));
  REQUIRE(http_get(server.port(), "/health").status == 200);
  CHECK(wait_until(
      [&] { return read_file(dir + "/access.log").find("GET /health") != std::string::npos; }, 2s));
  CHECK(read_file(dir + "/access.log.1").find("GET /health") != std::string::npos);
}

TEST_CASE("a worker that crashes is logged with its signal and replaced", "[process]") {
  ServerProcess server({.args = {"-w", "1"}});
  REQUIRE(server.wait_for_workers(1, 5s));
  pid_t victim = server.worker_pids().front();
  HttpResult r = http_get(server.port(), "/crash");
  CHECK(r.status == 0);  // the connection died with the worker
  CHECK(server.wait_for_log("Worker (pid:" + std::to_string(victim) + ") was sent SIGSEGV!", 3s));
  CHECK(wait_until([&] { return http_get(server.port(), "/health").status == 200; }, 3s));
  CHECK(http_get(server.port(), "/metrics")
            .body.find("construction_worker_restarts_total{cause=\"crashed\"} 1") !=
        std::string::npos);
}

TEST_CASE("max-worker-memory recycles a worker after the request that passed it", "[process]") {
  ServerProcess server({.args = {"-w", "1", "--max-worker-memory", "40"}});
  REQUIRE(server.wait_for_workers(1, 5s));
  pid_t first = server.worker_pids().front();
  HttpResult r = http_get(server.port(), "/allocate?mb=64");
  CHECK(r.status == 200);  // the request that crossed the line is answered
  CHECK(server.wait_for_log("passed max-worker-memory 40 MB", 3s));
  REQUIRE(wait_until(
      [&] {
        auto now = server.worker_pids();
        return now.size() == 1 && now.front() != first;
      },
      5s));
}

TEST_CASE("the master tells systemd READY, RELOADING and STOPPING", "[process]") {
  std::string dir = make_temp_dir("notify");
  std::string path = dir + "/notify.sock";
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, path.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  auto next_message = [&] {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) return std::string();
    char buf[512];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
  };
  ServerProcess server({.args = {"-w", "1"}, .env = {{"NOTIFY_SOCKET", path}}});
  CHECK(next_message() == "READY=1");
  server.signal(SIGHUP);
  CHECK(next_message().starts_with("RELOADING=1\nMONOTONIC_USEC="));
  CHECK(next_message() == "READY=1");
  server.signal(SIGTERM);
  CHECK(next_message() == "STOPPING=1");
  CHECK(server.wait_exit(10s) == 0);
  ::close(fd);
}

TEST_CASE("as PID 1 (a container) the master reaps orphans and stops cleanly on TERM",
          "[process]") {
  ServerProcess server(
      {.args = {"-w", "1"}, .wrapper = {"/usr/bin/unshare", "--pid", "--fork", "--mount-proc"}});
  // server.pid() is unshare; the master (PID 1 inside) is its child.
  std::vector<pid_t> below = children_of(server.pid());
  REQUIRE(below.size() == 1);
  pid_t master = below.front();
  REQUIRE(process_title(master).starts_with("construction: master"));
  for (int i = 0; i < 3; ++i) REQUIRE(http_get(server.port(), "/orphan").body == "orphaned");
  std::this_thread::sleep_for(600ms);  // the grandchildren have exited by now
  CHECK(zombie_children_of(master).empty());
  CHECK(children_of(master).size() == 1);  // only the worker
  ::kill(master, SIGTERM);                 // what `docker stop` sends
  auto status = server.wait_exit(10s);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
}

TEST_CASE("a burst of 20 crashing requests never leaves /health unanswered", "[process]") {
  ServerProcess server({.args = {"-w", "2"}});
  REQUIRE(server.wait_for_workers(2, 5s));
  std::vector<std::thread> crashes;
  for (int i = 0; i < 20; ++i)
    crashes.emplace_back([&] { http_get(server.port(), "/crash", 10000); });
  for (auto& t : crashes) t.join();
  // A worker that dies while serving is replaced at once, not after a backoff.
  int answered = 0;
  for (int i = 0; i < 20; ++i) {
    HttpResult r = http_get(server.port(), "/health", 100);
    INFO("poll " << i << ": " << r.error);
    CHECK(r.status == 200);
    answered += r.status == 200;
    std::this_thread::sleep_for(50ms);
  }
  CHECK(answered == 20);
  CHECK(server.count_in_log("was sent SIGSEGV!") == 20);
  CHECK(server.error_log().find("before starting another") == std::string::npos);
}

TEST_CASE("workers that die before they are ready are restarted with a backoff", "[process]") {
  std::string flag = make_temp_dir("boot-error") + "/fail";
  ServerProcess server({.args = {"-w", "1"}, .env = {{"TESTSERVER_BOOT_ERROR_FILE", flag}}});
  REQUIRE(server.wait_for_workers(1, 5s));
  std::ofstream(flag) << "1";
  ::kill(server.worker_pids().front(), SIGKILL);
  CHECK(server.wait_for_log("workers in a row died before they were ready; waiting 0.1 s", 5s));
  CHECK(server.wait_for_log("workers in a row died before they were ready; waiting 0.2 s", 5s));
  CHECK(process_alive(server.pid()));
  ::unlink(flag.c_str());
  CHECK(wait_until([&] { return http_get(server.port(), "/health", 500).status == 200; }, 10s));
}

TEST_CASE("TERM serves the connections already waiting in the accept queue", "[process]") {
  ServerProcess server({.args = {"-w", "1"}});
  HttpResult slow;
  std::thread busy([&] { slow = http_get(server.port(), "/sleep?seconds=2", 10000); });
  std::this_thread::sleep_for(300ms);  // the only worker is busy now
  std::vector<HttpResult> queued(30);
  std::vector<std::thread> clients;
  for (auto& r : queued)
    clients.emplace_back([&] { r = http_get(server.port(), "/health", 10000); });
  std::this_thread::sleep_for(500ms);  // all 30 wait in the accept queue
  server.signal(SIGTERM);
  auto status = server.wait_exit(10s);
  busy.join();
  for (auto& t : clients) t.join();
  CHECK(slow.status == 200);
  int served = 0;
  for (auto& r : queued) served += r.status == 200;
  CHECK(served == 30);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  CHECK(server.wait_for_log("Served 30 queued connections before exiting", 1s));
}

TEST_CASE("TERM: a connection still queued when the last worker is gone gets 503, not a reset",
          "[process]") {
  // The only worker is held past --graceful-timeout, so it never reaches the
  // accept queue and the master KILLs it: what is queued then is the
  // master's to answer before it closes the listening socket.
  ServerProcess server({.args = {"-w", "1", "--graceful-timeout", "1", "--timeout", "30"}});
  std::thread busy([&] { http_get(server.port(), "/sleep?seconds=20", 10000); });
  std::this_thread::sleep_for(300ms);  // the only worker is busy now
  std::vector<HttpResult> queued(5);
  std::vector<std::thread> clients;
  for (auto& r : queued)
    clients.emplace_back([&] { r = http_get(server.port(), "/health", 10000); });
  std::this_thread::sleep_for(300ms);  // all five wait in the accept queue
  server.signal(SIGTERM);
  auto status = server.wait_exit(10s);
  for (auto& t : clients) t.join();
  busy.join();
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  for (auto& r : queued) {
    INFO(r.error);
    CHECK(r.status == 503);
    CHECK(r.header("retry-after") == "5");
    CHECK(r.header("connection") == "close");
  }
  CHECK(server.wait_for_log("Answered 5 queued connections with 503", 1s));
}

TEST_CASE("TERM under socket activation leaves the queued connections to the next master",
          "[process]") {
  // The test holds the listening socket, as systemd does: the stopping
  // master must not answer what is queued, the next one serves it.
  auto [fd, port] = loopback_listener();
  ServerProcess first({.args = {"-w", "1", "--graceful-timeout", "1", "--timeout", "30"},
                       .bind = false,
                       .listen_fd = fd});
  std::thread busy([&] { http_get(port, "/sleep?seconds=20", 10000); });
  std::this_thread::sleep_for(300ms);  // the only worker is busy now
  HttpResult queued;
  std::thread client([&] { queued = http_get(port, "/health", 20000); });
  std::this_thread::sleep_for(300ms);  // it waits in the accept queue
  first.signal(SIGTERM);
  REQUIRE(first.wait_exit(10s).has_value());
  CHECK(first.error_log().find("queued connections with 503") == std::string::npos);
  ServerProcess second({.args = {"-w", "1"}, .bind = false, .listen_fd = fd});
  client.join();
  busy.join();
  ::close(fd);
  CHECK(queued.status == 200);
  CHECK(queued.body == "ok");
}
