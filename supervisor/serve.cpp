#include "supervisor/serve.hpp"

#include <sys/random.h>

#include <iostream>

#include "supervisor/arbiter.hpp"
#include "runtime/config.hpp"
#include "runtime/log.hpp"

namespace construction {

namespace {

// In development a missing SECRET_KEY is made once, here in the master, so
// every worker signs with the same key (a restart invalidates sessions).
void ensure_secret_key(Config& config) {
  if (!config.secret_key.empty()) return;
  unsigned char bytes[32];
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes))
    throw std::runtime_error("getrandom failed");
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char b : bytes) {
    config.secret_key += kHex[b >> 4];
    config.secret_key += kHex[b & 0xF];
  }
  log::warning("SECRET_KEY is not set; using a random key for this run (APP_ENV=development)");
}

void print_errors(const ConfigLoad& load) {
  for (const auto& e : load.errors) std::cerr << "Error: " << e << "\n";
}

}  // namespace

int serve(const std::vector<std::string>& original_argv,
          const std::vector<std::string>& serve_args, Application& application) {
  MasterStartup startup{original_argv, serve_args, current_environment(), ".env"};
  ConfigLoad load = load_config(serve_args, startup.environment, read_env_file(startup.env_file));
  if (!load.ok()) {
    print_errors(load);
    return 2;
  }
  try {
    log::configure(load.config.error_logfile, load.config.log_level);
  } catch (const std::exception& e) {
    std::cerr << "Error: " << e.what() << "\n";
    return 2;
  }
  ensure_secret_key(load.config);
  Arbiter arbiter(std::move(startup), std::move(load.config), application);
  return arbiter.run();
}

int check_config(const std::vector<std::string>& args) {
  ConfigLoad load = load_config(args, current_environment(), read_env_file(".env"));
  if (!load.ok()) {
    print_errors(load);
    return 2;
  }
  for (const auto& s : load.effective) {
    std::string left = s.name + " = " + (s.value.empty() ? "(not set)" : s.value);
    std::cout << left << std::string(left.size() < 48 ? 48 - left.size() : 1, ' ') << "# "
              << s.source << "\n";
  }
  return 0;
}

}  // namespace construction
