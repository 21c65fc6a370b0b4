#include "runtime/config.hpp"

#include <charconv>
#include <functional>
#include <map>

namespace construction {

namespace {

using Apply = std::function<std::optional<std::string>(Config&, const std::string&)>;

struct Setting {
  std::string name;
  std::vector<std::string> flags;  // short and long forms, e.g. {"-w", "--workers"}
  std::vector<std::string> env;    // first found wins, e.g. GUNICORN_WORKERS then WEB_CONCURRENCY
  std::string default_value;
  std::string help;
  Apply apply;  // stores the value, or says what is allowed
  bool repeatable = false;
  bool secret = false;
};

std::optional<long long> parse_whole(const std::string& text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

template <typename T>
Apply whole_number(T Config::*field, long long low, long long high) {
  return [=](Config& c, const std::string& v) -> std::optional<std::string> {
    auto n = parse_whole(v);
    if (!n || *n < low || *n > high)
      return "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high);
    c.*field = static_cast<T>(*n);
    return std::nullopt;
  };
}

Apply text(std::string Config::*field) {
  return [=](Config& c, const std::string& v) -> std::optional<std::string> {
    c.*field = v;
    return std::nullopt;
  };
}

Apply one_of(std::string Config::*field, std::vector<std::string> allowed) {
  return [=](Config& c, const std::string& v) -> std::optional<std::string> {
    for (const auto& a : allowed)
      if (v == a) {
        c.*field = v;
        return std::nullopt;
      }
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return "must be one of " + list;
  };
}

std::optional<std::string> bind_address_problem(const std::string& address) {
  if (address.starts_with("unix:"))
    return address.size() > 5 ? std::nullopt
                              : std::optional<std::string>("unix: needs a socket path");
  auto colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0) return "must be HOST:PORT, [IPV6]:PORT or unix:PATH";
  auto port = parse_whole(address.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) return "the port must be a whole number from 0 to 65535";
  std::string host = address.substr(0, colon);
  if (host.front() == '[' && host.back() != ']') return "an IPv6 host goes in brackets: [::1]:8000";
  return std::nullopt;
}

std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> items;
  std::string current;
  for (char ch : value + ",") {
    if (ch == ',' || ch == ' ') {
      if (!current.empty()) items.push_back(current);
      current.clear();
    } else {
      current += ch;
    }
  }
  return items;
}

Apply bind_addresses() {
  return [](Config& c, const std::string& v) -> std::optional<std::string> {
    for (const auto& address : split_list(v))
      if (auto problem = bind_address_problem(address)) return *problem;
    for (const auto& address : split_list(v)) c.bind.push_back(address);
    if (c.bind.empty()) return "needs at least one address";
    return std::nullopt;
  };
}

Apply threads() {
  return [](Config& c, const std::string& v) -> std::optional<std::string> {
    if (v != "1")
      return "only 1 is valid: workers are synchronous and serve one request at a time; "
             "to serve more at once, raise --workers";
    c.threads = 1;
    return std::nullopt;
  };
}

Apply log_level() {
  return [](Config& c, const std::string& v) -> std::optional<std::string> {
    auto level = log::parse_level(v);
    if (!level) return "must be one of debug, info, warning, error, critical";
    c.log_level = *level;
    return std::nullopt;
  };
}

Apply forwarded_ips() {
  return [](Config& c, const std::string& v) -> std::optional<std::string> {
    c.forwarded_allow_ips = split_list(v);
    return std::nullopt;
  };
}

Apply on_off(bool Config::*field) {
  return [=](Config& c, const std::string& v) -> std::optional<std::string> {
    if (v == "on" || v == "true" || v == "1") c.*field = true;
    else if (v == "off" || v == "false" || v == "0") c.*field = false;
    else return "must be on or off";
    return std::nullopt;
  };
}

// An absolute http(s) address without a trailing slash, so that a link is
// public_url + "/path".
Apply public_url() {
  return [](Config& c, const std::string& v) -> std::optional<std::string> {
    std::string url = v;
    if (url.empty()) return std::nullopt;  // PUBLIC_URL= is unset
    while (url.ends_with('/')) url.pop_back();
    auto scheme = url.find("://");
    if ((!url.starts_with("http://") && !url.starts_with("https://")) || url.size() <= scheme + 3 ||
        url.find_first_of(" \t\r\n\"<>") != std::string::npos)
      return "must be an http:// or https:// address, such as https://construction.example";
    c.public_url = url;
    return std::nullopt;
  };
}

Apply smtp_url() {
  return [](Config& c, const std::string& v) -> std::optional<std::string> {
    if (!v.empty() && !v.starts_with("smtp://") && !v.starts_with("smtps://"))
      return "must be smtp://[user:password@]host[:port] or smtps://…";
    c.smtp_url = v;
    return std::nullopt;
  };
}

Apply secret_key() {
  return [](Config& c, const std::string& v) -> std::optional<std::string> {
    if (!v.empty() && v.size() < 32) return "must be at least 32 bytes long";
    c.secret_key = v;
    return std::nullopt;
  };
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> table = {
      {"bind", {"-b", "--bind"}, {"GUNICORN_BIND"}, "0.0.0.0:8000",
       "HOST:PORT, [::1]:PORT or unix:PATH to listen on (repeatable)", bind_addresses(), true},
      {"workers", {"-w", "--workers"}, {"GUNICORN_WORKERS", "WEB_CONCURRENCY"}, "2",
       "worker processes", whole_number(&Config::workers, 1, 256)},
      {"threads", {"--threads"}, {"GUNICORN_THREADS"}, "1", "threads per worker (only 1)",
       threads()},
      {"timeout", {"-t", "--timeout"}, {"GUNICORN_TIMEOUT"}, "60",
       "seconds a worker may be silent before it is killed and replaced",
       whole_number(&Config::timeout, 1, 86400)},
      {"graceful_timeout", {"--graceful-timeout"}, {"GUNICORN_GRACEFUL_TIMEOUT"}, "30",
       "seconds workers get to finish on TERM/HUP",
       whole_number(&Config::graceful_timeout, 0, 86400)},
      {"client_timeout", {"--client-timeout"}, {"GUNICORN_CLIENT_TIMEOUT"}, "5",
       "seconds a client may take to send its request or take its response",
       whole_number(&Config::client_timeout, 1, 3600)},
      {"keep_alive", {"--keep-alive", "--keepalive"}, {"GUNICORN_KEEPALIVE"}, "0",
       "seconds to keep an idle connection open (0: Connection: close)",
       whole_number(&Config::keep_alive, 0, 3600)},
      {"max_requests", {"--max-requests"}, {"GUNICORN_MAX_REQUESTS"}, "0",
       "recycle a worker after this many requests (0: never)",
       whole_number(&Config::max_requests, 0, 1000000000)},
      {"max_requests_jitter", {"--max-requests-jitter"}, {"GUNICORN_MAX_REQUESTS_JITTER"}, "0",
       "random extra requests added to max_requests per worker",
       whole_number(&Config::max_requests_jitter, 0, 1000000000)},
      {"max_worker_memory", {"--max-worker-memory"}, {"GUNICORN_MAX_WORKER_MEMORY"}, "0",
       "recycle a worker after its request once its RSS passes this many MB (0: off)",
       whole_number(&Config::max_worker_memory_mb, 0, 1048576)},
      {"backlog", {"--backlog"}, {"GUNICORN_BACKLOG"}, "2048", "listen backlog",
       whole_number(&Config::backlog, 1, 65535)},
      {"max_queue_wait", {"--max-queue-wait"}, {"GUNICORN_MAX_QUEUE_WAIT"}, "500",
       "milliseconds a request may wait for a worker; one that waited longer gets 503 with "
       "Retry-After (0: no bound)",
       whole_number(&Config::max_queue_wait_ms, 0, 3600000)},
      {"limit_request_line", {"--limit-request-line"}, {}, "4094",
       "longest request line in bytes (longer: 414; 0: no limit)",
       whole_number(&Config::limit_request_line, 0, 8190)},
      {"limit_request_fields", {"--limit-request-fields"}, {}, "100",
       "most header fields (more: 431)", whole_number(&Config::limit_request_fields, 1, 32768)},
      {"limit_request_field_size", {"--limit-request-field-size"}, {}, "8190",
       "longest header field in bytes (longer: 431; 0: no limit)",
       whole_number(&Config::limit_request_field_size, 0, 65536)},
      {"limit_request_body", {"--limit-request-body"}, {}, "1048576",
       "largest request body in bytes (larger: 413)",
       whole_number(&Config::limit_request_body, 0, 1073741824)},
      {"pid", {"-p", "--pid"}, {}, "", "pid file, removed at exit", text(&Config::pid_file)},
      {"access_logfile", {"--access-logfile"}, {"GUNICORN_ACCESS_LOGFILE"}, "-",
       "access log file ('-': stdout)", text(&Config::access_logfile)},
      {"error_logfile", {"--error-logfile", "--log-file"}, {"GUNICORN_ERROR_LOGFILE"}, "-",
       "error log file ('-': stderr)", text(&Config::error_logfile)},
      {"log_level", {"--log-level"}, {"GUNICORN_LOG_LEVEL"}, "info",
       "debug, info, warning, error or critical", log_level()},
      {"forwarded_allow_ips", {"--forwarded-allow-ips"}, {"FORWARDED_ALLOW_IPS"},
       "127.0.0.1,::1", "peers whose X-Forwarded-For/-Proto are trusted", forwarded_ips()},
      {"database_url", {}, {"DATABASE_URL"}, "",
       "libpq connection string (default: built from POSTGRES_* and INFRA_HOST)",
       text(&Config::database_url), false, true},
      {"pool_size", {}, {"SQLALCHEMY_POOL_SIZE"}, "5", "connections a worker keeps open",
       whole_number(&Config::pool_size, 1, 1000)},
      {"max_overflow", {}, {"SQLALCHEMY_MAX_OVERFLOW"}, "10",
       "extra temporary connections a worker may open",
       whole_number(&Config::max_overflow, 0, 1000)},
      {"reserved_connections", {}, {"DB_RESERVED_CONNECTIONS"}, "10",
       "connections left free for others", whole_number(&Config::reserved_connections, 0, 100000)},
      {"statement_timeout_ms", {}, {"DB_STATEMENT_TIMEOUT_MS"}, "",
       "statement_timeout on every connection (default: timeout - 5 s)",
       whole_number(&Config::statement_timeout_ms, 0, 86400000)},
      {"connect_timeout", {}, {"DB_CONNECT_TIMEOUT"}, "5", "seconds to wait for a connection",
       whole_number(&Config::connect_timeout, 1, 600)},
      {"prepared_statements", {}, {"DB_PREPARED_STATEMENTS"}, "on",
       "server-side prepared statements (off for PgBouncer transaction mode)",
       on_off(&Config::prepared_statements)},
      {"secret_key", {}, {"SECRET_KEY"}, "", "signs sessions and CSRF tokens (32+ bytes)",
       secret_key(), false, true},
      {"app_env", {}, {"APP_ENV"}, "production", "production or development",
       one_of(&Config::app_env, {"production", "development"})},
      {"public_url", {}, {"PUBLIC_URL"}, "",
       "the address links in emails point to (development: http://localhost:8000)",
       public_url()},
      {"smtp_url", {}, {"SMTP_URL"}, "",
       "the mailer's SMTP relay: smtp://user:pass@host:587 (STARTTLS) or smtps://host:465",
       smtp_url(), false, true},
      {"mail_from", {}, {"MAIL_FROM"}, "", "the From of every email: Name <address>",
       text(&Config::mail_from)},
      {"mail_dir", {}, {"MAIL_DIR"}, ".local/mail",
       "development without SMTP_URL: the mailer writes .eml files here",
       text(&Config::mail_dir)},
      {"mail_first_retry", {}, {"MAIL_FIRST_RETRY_SECONDS"}, "30",
       "seconds before a message's first retry (doubling, at most 30 minutes)",
       whole_number(&Config::mail_first_retry_seconds, 1, 1800)},
  };
  return table;
}

struct RawValue {
  std::vector<std::string> values;
  std::string source;
};

const Setting* find_flag(const std::string& flag) {
  for (const auto& s : settings())
    for (const auto& f : s.flags)
      if (f == flag) return &s;
  return nullptr;
}

// Reads flags into `raw`, keyed by setting name; later flags win, except for
// repeatable ones, which accumulate.
void read_flags(const std::vector<std::string>& args, const std::string& source,
                std::map<std::string, RawValue>& raw, std::vector<std::string>& errors) {
  std::map<std::string, RawValue> seen;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i], value;
    bool has_value = false;
    if (auto eq = flag.find('='); flag.starts_with("--") && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      has_value = true;
    }
    const Setting* s = find_flag(flag);
    if (!s) {
      errors.push_back("Unknown option " + flag + " (" + source + "); see --help");
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        errors.push_back("Option " + flag + " needs a value (" + source + ")");
        continue;
      }
      value = args[++i];
    }
    auto& entry = seen[s->name];
    if (!s->repeatable) entry.values.clear();
    entry.values.push_back(value);
    entry.source = source;
  }
  for (auto& [name, entry] : seen) raw[name] = entry;
}

std::string mask(const Setting& s, const std::string& value) {
  if (!s.secret || value.empty()) return value;
  if (s.name == "database_url" || s.name == "smtp_url") {
    // postgresql://user:password@host/db → postgresql://user:****@host/db
    auto scheme = value.find("://"), at = value.rfind('@');
    if (scheme != std::string::npos && at != std::string::npos) {
      auto colon = value.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at)
        return value.substr(0, colon + 1) + "****" + value.substr(at);
    }
    if (auto p = value.find("password="); p != std::string::npos) {
      auto end = value.find(' ', p);
      return value.substr(0, p + 9) + "****" + (end == std::string::npos ? "" : value.substr(end));
    }
    return value;
  }
  return "****";
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ",") + v;
  return out;
}

}  // namespace

std::vector<std::string> split_command_args(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quote) {
      if (ch == quote) quote = 0;
      else if (ch == '\\' && quote == '"' && i + 1 < text.size()) word += text[++i];
      else word += ch;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      in_word = true;
    } else if (ch == '\\' && i + 1 < text.size()) {
      word += text[++i];
      in_word = true;
    } else if (ch == ' ' || ch == '\t' || ch == '\n') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += ch;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

ConfigLoad load_config(const std::vector<std::string>& args, const Environment& environment,
                       const Environment& env_file) {
  ConfigLoad load;
  std::map<std::string, RawValue> raw;

  // Lowest precedence first; each layer overwrites the one below.
  for (const auto& s : settings()) {
    for (const auto& name : s.env) {
      if (auto it = env_file.find(name); it != env_file.end()) {
        raw[s.name] = {{it->second}, ".env " + name};
        break;
      }
    }
    for (const auto& name : s.env) {
      if (auto it = environment.find(name); it != environment.end()) {
        raw[s.name] = {{it->second}, "environment " + name};
        break;
      }
    }
  }
  if (auto it = environment.find("GUNICORN_CMD_ARGS"); it != environment.end())
    read_flags(split_command_args(it->second), "GUNICORN_CMD_ARGS", raw, load.errors);
  read_flags(args, "command line", raw, load.errors);

  load.config.environment = env_file;
  for (const auto& [k, v] : environment) load.config.environment[k] = v;

  bool statement_timeout_given = false;
  for (const auto& s : settings()) {
    RawValue value = {{s.default_value}, "default"};
    if (auto it = raw.find(s.name); it != raw.end()) value = it->second;
    if (s.name == "statement_timeout_ms" && value.source == "default") continue;
    if (s.name == "statement_timeout_ms") statement_timeout_given = true;
    for (const auto& v : value.values) {
      if (value.source == "default" && v.empty()) continue;
      if (auto problem = s.apply(load.config, v))
        load.errors.push_back("Invalid value for " + s.name + ": \"" + mask(s, v) + "\" (from " +
                              value.source + "): " + *problem + ".");
    }
    load.effective.push_back({s.name, mask(s, join(value.values)), value.source});
  }
  Config& c = load.config;
  if (!statement_timeout_given) {
    // Cancel a slow query before the watchdog kills the worker running it.
    c.statement_timeout_ms = std::max(1000, c.timeout * 1000 - 5000);
    load.effective.push_back(
        {"statement_timeout_ms", std::to_string(c.statement_timeout_ms), "default (timeout - 5 s)"});
  }
  if (c.public_url.empty() && c.development()) c.public_url = "http://localhost:8000";
  if (c.secret_key.empty() && !c.development())
    load.errors.push_back(
        "SECRET_KEY is not set: it signs sessions and CSRF tokens and must be at least 32 bytes "
        "(for example: openssl rand -hex 32). Set APP_ENV=development to run without one.");
  return load;
}

std::string config_usage() {
  std::string text;
  for (const auto& s : settings()) {
    std::string names;
    for (const auto& f : s.flags) names += (names.empty() ? "" : ", ") + f;
    for (const auto& e : s.env) names += (names.empty() ? "" : ", ") + std::string("$") + e;
    text += "  " + names;
    text += std::string(names.size() < 46 ? 46 - names.size() : 1, ' ');
    text += s.help;
    if (!s.default_value.empty()) text += " [" + s.default_value + "]";
    text += "\n";
  }
  return text;
}

}  // namespace construction
