// A PostgreSQL cluster of the test's own (scripts/pg-cluster.sh in a
// temporary folder), for tests that stop and start the server: an outage
// must not touch the cluster every other test uses.
#pragma once

#include <string>

namespace construction::testing {

class PrivateCluster {
 public:
  PrivateCluster();  // creates, starts, and creates the `construction` database
  ~PrivateCluster();
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;

  const std::string& url() const { return url_; }
  void stop();
  void start();

 private:
  std::string dir_;
  std::string port_;
  std::string url_;
};

}  // namespace construction::testing
