#include "app/construction_application.hpp"

namespace construction {

void ConstructionApplication::boot_worker(WorkerInfo&, http::Router& router) {
  router.add(
      http::Verb::get, "/",
      [](http::RequestContext&) {
        return http::html_response(
            200, "<!doctype html><title>construction</title><p>construction is running.</p>\n");
      },
      "Home page");
}

}  // namespace construction
