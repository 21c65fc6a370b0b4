#include "worker/abort_report.hpp"

#include <time.h>
#include <unistd.h>

#include <cstring>

namespace construction {

namespace {

// Async-signal-safe: formats with plain arithmetic and writes once.
void append(char*& p, const char* end, const char* text) {
  while (*text && p < end) *p++ = *text++;
}
void append_number(char*& p, const char* end, long long n, int width = 0) {
  char digits[24];
  int len = 0;
  bool negative = n < 0;
  unsigned long long u = negative ? 0ull - static_cast<unsigned long long>(n) : n;
  do {
    digits[len++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  while (len < width) digits[len++] = '0';
  if (negative && p < end) *p++ = '-';
  while (len && p < end) *p++ = digits[--len];
}
void append_timestamp(char*& p, const char* end) {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  long long days = ts.tv_sec / 86400, secs = ts.tv_sec % 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  long long z = days + 719468, era = z / 146097, doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  long long y = yoe + era * 400 + (m <= 2);
  append(p, end, "[");
  append_number(p, end, y, 4);
  append(p, end, "-");
  append_number(p, end, m, 2);
  append(p, end, "-");
  append_number(p, end, d, 2);
  append(p, end, " ");
  append_number(p, end, secs / 3600, 2);
  append(p, end, ":");
  append_number(p, end, secs / 60 % 60, 2);
  append(p, end, ":");
  append_number(p, end, secs % 60, 2);
  append(p, end, " +0000]");
}

}  // namespace

void write_abort_report(int fd, const WorkerSlot* slot) {
  char line[512] = {};
  char* p = line;
  const char* end = line + sizeof line - 1;
  append_timestamp(p, end);
  append(p, end, " [");
  append_number(p, end, getpid());
  append(p, end, "] [ERROR] Worker aborted by the watchdog");
  if (slot && slot->state.load() == WorkerState::busy) {
    char request[kRequestLineBytes];
    std::memcpy(request, slot->request_line, kRequestLineBytes);
    request[kRequestLineBytes - 1] = '\0';
    append(p, end, " while handling \"");
    append(p, end, request);
    append(p, end, "\"");
  }
  *p++ = '\n';
  ssize_t ignored = ::write(fd, line, static_cast<size_t>(p - line));
  (void)ignored;
}

}  // namespace construction
