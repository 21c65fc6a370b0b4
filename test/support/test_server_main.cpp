// The tests' server: the real serving core (runtime/, supervisor/, worker/) with an
// application whose routes misbehave on purpose — sleep past the timeout,
// crash, throw, allocate — so the production binary carries none of them.
//   /pid                 the serving worker's pid
//   /client              "SCHEME ADDRESS": the scheme and client the request resolved to
//   /host                the Host the request resolved to
//   /sleep?seconds=N     sleeps N seconds (blocks the heartbeat)
//   /crash               dies by SIGSEGV
//   /throw               throws from the handler (the core answers 500)
//   /allocate?mb=N       allocates and touches N MB, keeps it
//   POST /echo           answers the body's length
//   /orphan              leaves a grandchild behind that outlives its parent
// TESTSERVER_BOOT_ERROR_FILE=PATH: while PATH exists, workers fail to boot.
// TESTSERVER_DATABASE=1: the production application's pool, /ready and 503
// handling too, plus
//   /db/organisations/{id}        one indexed single-row query
//   /db/hold?leases=N&ms=M        holds N pooled connections for M ms
// TESTSERVER_TEMPLATE_ORACLE=FILE (with TESTSERVER_DATABASE=1): every
// template the pages render is rendered by kainjow's mustache too, and the
// two compared (test/support/template_oracle.hpp).
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/construction_application.hpp"
#include "runtime/process_title.hpp"
#include "sql/error.hpp"
#include "supervisor/serve.hpp"
#include "test/support/template_oracle.hpp"
#include "views/views_directory.hpp"
#include "worker/application.hpp"

namespace {

using namespace construction;

bool database_enabled() {
  const char* flag = std::getenv("TESTSERVER_DATABASE");
  return flag && std::string(flag) == "1";
}

class TestApplication : public ConstructionApplication {
 public:
  std::optional<std::string> check_capacity(const Config& config, int workers) override {
    if (!database_enabled()) return std::nullopt;
    return ConstructionApplication::check_capacity(config, workers);
  }

  void boot_worker(WorkerInfo& worker, http::Router& router) override {
    if (const char* path = std::getenv("TESTSERVER_BOOT_ERROR_FILE");
        path && std::filesystem::exists(path))
      throw BootError("boot error requested by the test (" + std::string(path) + ")");
    if (database_enabled()) {
      ConstructionApplication::boot_worker(worker, router);
      add_database_routes(router);
    }
    router.add(http::Verb::get, "/pid", [](http::RequestContext&) {
      return http::text_response(200, std::to_string(::getpid()));
    });
    // What the app believes of the request behind a proxy (the edge's test).
    router.add(http::Verb::get, "/client", [](http::RequestContext& ctx) {
      return http::text_response(200, ctx.scheme + " " + ctx.client_address);
    });
    router.add(http::Verb::get, "/host", [](http::RequestContext& ctx) {
      return http::text_response(200, std::string(ctx.header("Host")));
    });
    router.add(http::Verb::get, "/sleep", [](http::RequestContext& ctx) {
      int seconds = std::stoi(ctx.query_value("seconds").value_or("1"));
      std::this_thread::sleep_for(std::chrono::seconds(seconds));
      return http::text_response(200, "slept " + std::to_string(seconds));
    });
    router.add(http::Verb::get, "/crash", [](http::RequestContext&) -> http::Response {
      std::raise(SIGSEGV);
      return http::text_response(200, "unreachable");
    });
    router.add(http::Verb::get, "/throw", [](http::RequestContext&) -> http::Response {
      throw std::runtime_error("thrown on purpose by /throw");
    });
    router.add(http::Verb::get, "/allocate", [this](http::RequestContext& ctx) {
      size_t mb = std::stoul(ctx.query_value("mb").value_or("1"));
      std::vector<char> block(mb << 20);
      std::memset(block.data(), 1, block.size());
      kept_.push_back(std::move(block));
      return http::text_response(200, "allocated " + std::to_string(mb) + " MB");
    });
    router.add(http::Verb::get, "/orphan", [](http::RequestContext&) {
      pid_t child = ::fork();
      if (child == 0) {
        if (::fork() == 0) {  // the grandchild: re-parented to PID 1 when its parent exits
          std::this_thread::sleep_for(std::chrono::milliseconds(300));
          ::_exit(0);
        }
        ::_exit(0);
      }
      ::waitpid(child, nullptr, 0);
      return http::text_response(200, "orphaned");
    });
    router.add(http::Verb::post, "/echo", [](http::RequestContext& ctx) {
      return http::text_response(200, std::to_string(ctx.request.body().size()));
    });
  }

 protected:
  std::unique_ptr<views::Views> load_views(const Config& config) override {
    std::unique_ptr<views::Views> views = ConstructionApplication::load_views(config);
    if (const char* file = std::getenv("TESTSERVER_TEMPLATE_ORACLE"))
      views->templates =
          std::make_unique<testing::OracleTemplates>(views::views_directory() / "templates", file);
    return views;
  }

 private:
  void add_database_routes(http::Router& router) {
    router.add(http::Verb::get, "/db/organisations/{id}", [this](http::RequestContext& ctx) {
      auto r = pool().exec("SELECT name FROM organisations WHERE id = $1",
                           std::stoll(std::string(*ctx.param("id"))));
      if (r.rows() == 0) return http::json_response(404, R"({"error":{"code":"not_found"}})");
      return http::json_response(200, "{\"name\":\"" + r[0]["name"].string() + "\"}");
    });
    router.add(http::Verb::get, "/db/hold", [this](http::RequestContext& ctx) {
      int leases = std::stoi(ctx.query_value("leases").value_or("1"));
      int ms = std::stoi(ctx.query_value("ms").value_or("10"));
      std::vector<sql::Lease> held;
      for (int i = 0; i < leases; ++i) {
        held.push_back(pool().acquire());
        held.back()->exec("SELECT 1");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      return http::text_response(200, "held " + std::to_string(leases));
    });
  }

  std::vector<std::vector<char>> kept_;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args = init_process_title(argc, argv);
  if (args.size() < 2 || args[1] != "serve") return 2;
  TestApplication app;
  return serve(args, {args.begin() + 2, args.end()}, app);
}
