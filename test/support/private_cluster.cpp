#include "test/support/private_cluster.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "test/support/command.hpp"
#include "test/support/http_client.hpp"
#include "test/support/server_process.hpp"

namespace construction::testing {

namespace {
const std::string script = std::string(CONSTRUCTION_SOURCE_DIR) + "/scripts/pg-cluster.sh";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}
}  // namespace

PrivateCluster::PrivateCluster()
    : dir_(make_temp_dir("construction-pg")), port_(std::to_string(free_port())) {
  start();
}

PrivateCluster::~PrivateCluster() {
  run_command({script, "stop", dir_});
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void PrivateCluster::start() {
  CommandResult r = run_command({script, "start", dir_, port_, "--throwaway"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  url_ = trimmed(r.out);
}

void PrivateCluster::stop() {
  CommandResult r = run_command({script, "stop", dir_});
  INFO(r.err);
  REQUIRE(r.status == 0);
}

}  // namespace construction::testing
