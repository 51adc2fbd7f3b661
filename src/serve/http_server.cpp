#include "serve/http_server.h"

#include <httplib.h>

#include <charconv>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <list>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "engine/analyzer.h"
#include "engine/ingest_batch.h"
#include "ingest/reader.h"
#include "link/dossier.h"
#include "store/query.h"
#include "store/store.h"

namespace cronaca {

namespace {

using json = nlohmann::json;

constexpr const char* kJsonType = "application/json; charset=utf-8";
// The UI's policy: its own scripts, styles, images and fetches only; no
// inline script, no plug-ins, not framed.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
constexpr size_t kKeepAliveRequests = 100000;  // requests per keep-alive connection

// Responses of the API, most recently used first; emptied when the database
// changes. Thread-safe.
class ResponseCache {
 public:
  explicit ResponseCache(size_t capacity) : capacity_(capacity) {}
  void set_capacity(size_t capacity) {
    std::lock_guard<std::mutex> lock(mutex_);
    capacity_ = capacity;
    ClearLocked();
  }

  // Empties the cache if `version` differs from the one its entries were made at.
  void Sync(int64_t version) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (version != version_) {
      ClearLocked();
      version_ = version;
    }
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    ClearLocked();
  }
  std::shared_ptr<const std::string> Get(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }
  void Put(const std::string& key, std::shared_ptr<const std::string> body) {
    if (capacity_ == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(key);
    if (it != index_.end()) {
      it->second->second = std::move(body);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(key, std::move(body));
    index_[key] = order_.begin();
    if (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  void ClearLocked() {
    order_.clear();
    index_.clear();
  }
  using Entry = std::pair<std::string, std::shared_ptr<const std::string>>;
  size_t capacity_;
  std::mutex mutex_;
  int64_t version_ = -1;
  std::list<Entry> order_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

// The error body of the API and the HTTP status of each Status code.
std::pair<int, json> ErrorJson(const Status& status) {
  int http = 500;
  std::string code = "internal";
  switch (status.code()) {
    case StatusCode::kNotFound:
      http = 404, code = "not_found";
      break;
    case StatusCode::kInvalidArgument:
    case StatusCode::kMalformedJson:
      http = 400, code = "bad_request";
      break;
    default:
      break;
  }
  return {http, {{"error", {{"code", code}, {"message", status.message()}}}}};
}

// JSON text with '<', '>' and '&' escaped as \u003c, \u003e, \u0026: a
// response read as HTML by mistake still carries no markup. (They only occur
// inside JSON strings, so the replacement keeps the JSON equal.)
std::string SafeDump(const json& j) {
  std::string raw = j.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(raw.size() + raw.size() / 16);
  for (char c : raw) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(SafeDump(body), kJsonType);
}

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  SendJson(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

// Equal strings, in time that depends on the secret's length only.
bool ConstantTimeEquals(const std::string& given, const std::string& secret) {
  unsigned char diff = given.size() == secret.size() ? 0 : 1;
  for (size_t i = 0; i < secret.size(); ++i) {
    diff |= static_cast<unsigned char>((i < given.size() ? given[i] : 0) ^ secret[i]);
  }
  return diff == 0;
}

const char* ContentType(const std::filesystem::path& path) {
  static const std::unordered_map<std::string, const char*> kTypes = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", kJsonType},                   {".map", kJsonType},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".jpg", "image/jpeg"},                 {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},               {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},  {".wasm", "application/wasm"},
      {".webmanifest", "application/manifest+json"}};
  auto it = kTypes.find(path.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// A request path is safe to map into the web folder: no "..", no NUL, no backslash.
bool SafeRelativePath(const std::string& path) {
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  std::stringstream segments(path);
  std::string segment;
  while (std::getline(segments, segment, '/')) {
    if (segment == "..") return false;
  }
  return true;
}

bool ReadFile(const std::filesystem::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

// Query parameters.
class Params {
 public:
  explicit Params(const httplib::Request& req) : req_(req) {}
  std::string Text(const char* name) const { return req_.get_param_value(name); }
  Result<size_t> Size(const char* name, size_t fallback) const {
    if (!req_.has_param(name)) return fallback;
    const std::string value = req_.get_param_value(name);
    size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
      return Status(StatusCode::kInvalidArgument, std::string(name) + ": '" + value + "' is not a non-negative integer");
    }
    return n;
  }
  Result<Page> GetPage() const {
    auto limit = Size("limit", Page::kDefaultLimit);
    if (!limit.ok()) return limit.status();
    auto offset = Size("offset", 0);
    if (!offset.ok()) return offset.status();
    if (*limit == 0) return Status(StatusCode::kInvalidArgument, "limit: must be at least 1");
    return Page{std::min(*limit, Page::kMaxLimit), *offset};
  }

 private:
  const httplib::Request& req_;
};

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  std::unique_ptr<QueryStore> query;
  ResponseCache cache{0};
  httplib::Server server;
  // The writable store (dossiers read through Store; ingest writes) and the
  // analyzer of the ingest endpoint: opened when first needed, one user at a time.
  std::mutex store_mutex;
  std::unique_ptr<Store> store;
  std::unique_ptr<Analyzer> analyzer;

  Result<Store*> WritableStore() {
    if (!store) {
      auto opened = Store::Open(options.db);
      if (!opened.ok()) return opened.status();
      store = std::move(*opened);
    }
    return store.get();
  }

  using ApiFn = std::function<Result<json>(const httplib::Request&)>;

  // A GET endpoint of the API, through the response cache.
  void Api(const std::string& pattern, ApiFn fn) {
    server.Get(pattern, [this, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
      const bool cached = options.cache_entries > 0;
      if (cached) {
        auto version = query->DataVersion();
        if (version.ok()) cache.Sync(*version); else cache.Clear();
        if (auto body = cache.Get(req.target)) {
          res.status = 200;
          res.set_content(*body, kJsonType);
          return;
        }
      }
      std::optional<Result<json>> result;
      try {
        result.emplace(fn(req));
      } catch (const std::exception& e) {
        result.emplace(Status(StatusCode::kInternal, std::string("internal error: ") + e.what()));
      }
      if (!result->ok()) {
        auto [http, body] = ErrorJson(result->status());
        SendJson(res, http, body);
        return;
      }
      auto body = std::make_shared<const std::string>(SafeDump(**result));
      res.status = 200;
      res.set_content(*body, kJsonType);
      if (cached) cache.Put(req.target, std::move(body));
    });
  }

  void Routes() {
    Api("/api/health", [this](const httplib::Request&) { return query->Health(); });
    Api("/api/openapi.json", [](const httplib::Request&) -> Result<json> { return json::parse(OpenApiJson()); });
    Api("/api/documents", [this](const httplib::Request& req) -> Result<json> {
      Params p(req);
      auto page = p.GetPage();
      if (!page.ok()) return page.status();
      DocumentFilter f{p.Text("q"), p.Text("lang"), p.Text("source"), p.Text("story"), p.Text("from"), p.Text("to")};
      return query->Documents(f, *page);
    });
    Api(R"(/api/documents/([^/]+))",
        [this](const httplib::Request& req) { return query->Document(req.matches[1].str()); });
    Api("/api/stories", [this](const httplib::Request& req) -> Result<json> {
      Params p(req);
      auto page = p.GetPage();
      if (!page.ok()) return page.status();
      return query->Stories(StoryFilter{p.Text("q"), p.Text("from"), p.Text("to")}, *page);
    });
    Api(R"(/api/stories/([^/]+))", [this](const httplib::Request& req) -> Result<json> {
      std::lock_guard<std::mutex> lock(store_mutex);
      auto writable = WritableStore();
      if (!writable.ok()) return writable.status();
      auto dossier = BuildDossier(**writable, req.matches[1].str());
      if (!dossier.ok()) {
        if (dossier.status().code() == StatusCode::kNotFound) {
          return Status(StatusCode::kNotFound, "no story '" + req.matches[1].str() + "'");
        }
        return dossier.status();
      }
      json out = DossierToJson(*dossier);
      // The story row beside the dossier (a heading for the UI).
      auto row = query->Story(req.matches[1].str());
      if (!row.ok() && row.status().code() != StatusCode::kNotFound) return row.status();
      json heading = row.ok() ? *row
                              : json{{"label", ""}, {"first_date", ""}, {"last_date", ""},
                                     {"n_documents", dossier->documents.size()}, {"n_sources", dossier->n_sources}};
      for (const char* field : {"label", "first_date", "last_date", "n_documents", "n_sources"}) {
        out[field] = heading[field];
      }
      return out;
    });
    Api("/api/events", [this](const httplib::Request& req) -> Result<json> {
      Params p(req);
      auto page = p.GetPage();
      if (!page.ok()) return page.status();
      EventFilter f;
      f.actor = p.Text("actor");
      f.country = p.Text("country");
      f.code = p.Text("code");
      f.root = p.Text("root");
      auto quad = p.Size("quad", 0);
      if (!quad.ok()) return quad.status();
      if (*quad > 4) return Status(StatusCode::kInvalidArgument, "quad: the quad class is 1 to 4");
      f.quad = static_cast<int>(*quad);
      f.from = p.Text("from");
      f.to = p.Text("to");
      f.place = p.Text("place");
      f.q = p.Text("q");
      f.story = p.Text("story");
      f.document = p.Text("document");
      return query->Events(f, *page);
    });
    Api("/api/actors", [this](const httplib::Request& req) -> Result<json> {
      Params p(req);
      auto page = p.GetPage();
      if (!page.ok()) return page.status();
      return query->Actors(p.Text("q"), *page);
    });
    Api(R"(/api/actors/([^/]+))", [this](const httplib::Request& req) -> Result<json> {
      auto page = Params(req).GetPage();
      if (!page.ok()) return page.status();
      return query->Actor(req.matches[1].str(), *page);
    });
    Api("/api/quotes", [this](const httplib::Request& req) -> Result<json> {
      Params p(req);
      auto page = p.GetPage();
      if (!page.ok()) return page.status();
      return query->Quotes(QuoteFilter{p.Text("speaker"), p.Text("q"), p.Text("document")}, *page);
    });
    Api("/api/network", [this](const httplib::Request& req) -> Result<json> {
      Params p(req);
      NetworkFilter f{p.Text("story"), p.Text("from"), p.Text("to"), p.Text("country")};
      auto limit = p.Size("limit", f.max_edges);
      if (!limit.ok()) return limit.status();
      f.max_edges = std::clamp<size_t>(*limit, 1, Page::kMaxLimit);
      return query->Network(f);
    });
    if (!options.token.empty()) {
      server.Post("/api/ingest", [this](const httplib::Request& req, httplib::Response& res) { Ingest(req, res); });
    }
    // Everything else: the web UI.
    server.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) { Static(req, res); });
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& req, httplib::Response& res) -> httplib::Server::HandlerResponse {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      switch (res.status) {
        case 413:
          SendError(res, 413, "payload_too_large", "the request body is larger than the server accepts");
          break;
        case 400:
          SendError(res, 400, "bad_request", "malformed request");
          break;
        default:
          SendError(res, res.status, res.status == 404 ? "not_found" : "error",
                    req.method + " " + req.path + ": no such endpoint");
      }
      return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      SendError(res, 500, "internal", "internal error");
    });
  }

  void Static(const httplib::Request& req, httplib::Response& res) {
    const std::string& path = req.path;
    if (path == "/api" || path.rfind("/api/", 0) == 0) {
      SendError(res, 404, "not_found", "GET " + path + ": no such endpoint");
      return;
    }
    if (options.web_dir.empty()) {
      SendError(res, 404, "not_found", "this server has no web UI (start it with --web DIR)");
      return;
    }
    if (!SafeRelativePath(path)) {
      SendError(res, 400, "bad_request", "invalid path");
      return;
    }
    namespace fs = std::filesystem;
    const fs::path root(options.web_dir);
    fs::path file = root / path.substr(1);
    std::error_code ec;
    if (path == "/" || fs::is_directory(file, ec)) file /= "index.html";
    if (!fs::is_regular_file(file, ec)) {
      // Client-side routes (/story/s-2025-..., no extension) get the UI's page.
      if (fs::path(path).extension().empty()) {
        file = root / "index.html";
      } else {
        SendError(res, 404, "not_found", path + ": no such file");
        return;
      }
    }
    std::string body;
    if (!ReadFile(file, &body)) {
      SendError(res, 404, "not_found",
                file.filename() == "index.html" ? "the web UI is not built in " + options.web_dir : path + ": no such file");
      return;
    }
    res.status = 200;
    res.set_header("Cache-Control", file.filename() == "index.html" ? "no-cache" : "max-age=3600");
    res.set_content(std::move(body), ContentType(file));
  }

  void Ingest(const httplib::Request& req, httplib::Response& res) {
    const std::string auth = req.get_header_value("Authorization");
    const std::string kBearer = "Bearer ";
    if (auth.rfind(kBearer, 0) != 0 || !ConstantTimeEquals(auth.substr(kBearer.size()), options.token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      SendError(res, 401, "unauthorized", "POST /api/ingest needs 'Authorization: Bearer <token>'");
      return;
    }
    if (req.body.size() > options.max_ingest_bytes) {
      SendError(res, 413, "payload_too_large", "at most " + std::to_string(options.max_ingest_bytes) + " bytes");
      return;
    }
    std::lock_guard<std::mutex> lock(store_mutex);
    auto writable = WritableStore();
    if (!writable.ok()) {
      auto [http, body] = ErrorJson(writable.status());
      SendJson(res, http, body);
      return;
    }
    if (!analyzer) {
      auto made = Analyzer::Create(AnalyzerOptions{});
      if (!made.ok()) {
        auto [http, body] = ErrorJson(made.status());
        SendJson(res, http, body);
        return;
      }
      analyzer = std::move(*made);
    }
    json stored = json::array(), failed = json::array();
    std::string origin;
    BatchIngester ingester(
        *analyzer, *writable, IngestOptions{}, [&](Document& doc) { stored.push_back(doc.id()); },
        [&](const Status& failure) {
          failed.push_back({{"origin", origin}, {"code", StatusCodeName(failure.code())}, {"message", failure.message()}});
        });
    Status fatal;
    const std::string& text = req.body;
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '{') {
      // JSONL: one article a line ({"text": ..., "id", "date", "title", "source", "url", "lang"}).
      size_t line_no = 0, pos = 0;
      while (pos < text.size() && fatal.ok()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        origin = "ingest:" + std::to_string(line_no);
        fatal = ingester.Add(ParseJsonRecord(line, origin, options.max_ingest_bytes));
      }
    } else {
      // One article; its id: ?id=, else "api-" and the first 16 hex digits of the text's hash.
      std::string id = req.has_param("id") ? req.get_param_value("id") : "api-" + ContentKey(text).substr(0, 16);
      origin = "ingest:" + id;
      fatal = ingester.Add(MakeDocument(id, text, origin));
    }
    origin.clear();
    if (fatal.ok()) fatal = ingester.Flush();
    cache.Clear();
    if (!fatal.ok()) {
      (*writable)->Rollback();
      auto [http, body] = ErrorJson(fatal);
      SendJson(res, http, body);
      return;
    }
    SendJson(res, 200, {{"stored", stored}, {"failed", failed}});
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() { Stop(); }

Result<std::unique_ptr<HttpServer>> HttpServer::Create(ServerOptions options) {
  auto impl = std::make_unique<Impl>();
  auto query = QueryStore::Open(options.db);
  if (!query.ok()) return query.status();
  impl->query = std::move(*query);
  impl->options = std::move(options);
  Impl* raw = impl.get();
  raw->cache.set_capacity(raw->options.cache_entries);
  const size_t threads = std::max<size_t>(1, raw->options.threads);
  raw->server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  raw->server.set_keep_alive_max_count(kKeepAliveRequests);
  // Without it, a response written in two parts waits for a delayed ACK (40 ms).
  raw->server.set_tcp_nodelay(true);
  raw->server.set_payload_max_length(raw->options.max_ingest_bytes);
  raw->server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                   {"Content-Security-Policy", kContentSecurityPolicy},
                                   {"Referrer-Policy", "no-referrer"},
                                   {"X-Frame-Options", "DENY"}});
  raw->Routes();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

Result<int> HttpServer::Bind() {
  const ServerOptions& o = impl_->options;
  if (o.port == 0) {
    int port = impl_->server.bind_to_any_port(o.host);
    if (port < 0) return Status(StatusCode::kIoError, "cannot listen on " + o.host);
    return port;
  }
  if (!impl_->server.bind_to_port(o.host, o.port)) {
    return Status(StatusCode::kIoError, "cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                            " (in use, or not an address of this machine)");
  }
  return o.port;
}

Status HttpServer::Serve() {
  if (!impl_->server.listen_after_bind()) return Status(StatusCode::kIoError, "the server stopped with an error");
  return Status::Ok();
}

void HttpServer::Stop() { impl_->server.stop(); }

}  // namespace cronaca
