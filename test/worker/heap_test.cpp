// The worker's heap between requests (worker/heap.hpp): freed blocks stay for
// the next request, and go back to the kernel when the worker is idle. Under
// AddressSanitizer malloc is the sanitizer's own, so these hold only in the
// plain build.
#include "worker/heap.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
TEST_CASE("the worker's heap is glibc's only without AddressSanitizer", "[unit]") {
  SUCCEED("skipped: malloc is AddressSanitizer's here");
}
#else
namespace {

long minor_faults() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// The process's resident memory, from /proc/self/statm.
long resident_kib() {
  long size = 0, resident = 0;
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (!statm) return 0;
  if (std::fscanf(statm, "%ld %ld", &size, &resident) != 2) resident = 0;
  std::fclose(statm);
  return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

// A request that builds a page in small blocks, about 380 KiB of them, all
// freed at its end.
void request_of_small_blocks() {
  std::vector<void*> blocks;
  blocks.reserve(96);
  for (int i = 0; i < 96; ++i) {
    void* block = std::malloc(4000);
    std::memset(block, 1, 4000);
    asm volatile("" : : "g"(block) : "memory");  // the block is used: keep it
    blocks.push_back(block);
  }
  for (void* block : blocks) std::free(block);
}

}  // namespace

TEST_CASE("a serving worker keeps the heap it freed: the next request faults no page in",
          "[unit]") {
  construction::hold_heap_between_requests();
  request_of_small_blocks();
  long before = minor_faults();
  for (int request = 0; request < 20; ++request) request_of_small_blocks();
  // With glibc's own thresholds the top of the heap went back to the kernel
  // after each of these (all but 128 KiB of it) and came back a page fault
  // at a time in the next: 940 faults here.
  CHECK(minor_faults() - before < 10);
}

TEST_CASE("an idle worker gives its free heap back to the kernel", "[unit]") {
  construction::hold_heap_between_requests();
  request_of_small_blocks();
  // Its 375 KiB are free but still resident, held for the next request;
  // the release gives at least half of them back. (Where in the heap they
  // lie depends on what the other tests of this process left there, so the
  // test counts resident pages, not the top chunk alone: that held 300 KiB
  // when this test ran alone and 290 KiB beside the others.)
  long held = resident_kib();
  construction::release_idle_heap();
  CHECK(held - resident_kib() >= 192);
  CHECK(mallinfo2().keepcost < 64 * 1024);
}
#endif
