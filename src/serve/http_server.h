// `cronaca serve`: a JSON HTTP API over the store, and the web UI's files.
//
//   ServerOptions options;
//   options.db = "cronaca.db";
//   options.port = 0;                                   // 0: any free port
//   Result<std::unique_ptr<HttpServer>> server = HttpServer::Create(options);
//   Result<int> port = (*server)->Bind();               // listening from here on
//   std::thread serving([&] { (*server)->Serve(); });   // blocks until Stop()
//   ... GET http://127.0.0.1:<port>/api/events?country=RUS ...
//   (*server)->Stop();
//   serving.join();
//
// The API (docs/API.md; GET /api/openapi.json describes it): documents,
// stories and story dossiers, events (filters: actor, country, code or
// root, quad class, dates, place, text, story, document), actors,
// quotations, the actor network, health. Lists are pages:
// {total, limit, offset, items}. Errors are JSON with a 4xx/5xx status:
// {"error": {"code": "not_found" | "bad_request" | "unauthorized" |
// "payload_too_large" | "internal", "message": "..."}}.
//
// Read-only by default: queries go through store/query.h's read-only
// connections. POST /api/ingest exists only when `token` is set; it requires
// `Authorization: Bearer <token>` (compared in constant time), takes a body
// of at most `max_ingest_bytes` (one article, with optional header lines, or
// JSONL), and analyses, links and stores it exactly like `cronaca analyze`
// (engine/ingest_batch.h), one request at a time.
//
// Cache. GET /api responses are kept in an LRU cache keyed by the full
// request target (path and query string). It is emptied when the database
// changes (PRAGMA data_version moves: another process committed) and after
// an ingest, so a cached page is never staler than the last commit.
//
// Static files. Any path outside /api is a file of `web_dir` (the UI built by
// npm into the build tree); a path without a file extension that matches no
// file gets index.html (client-side routes). Content types come from the
// extension. Every response carries X-Content-Type-Options: nosniff, a
// strict Content-Security-Policy (default-src 'self', no inline script),
// Referrer-Policy no-referrer and X-Frame-Options DENY. Article text is
// untrusted: the API returns it only inside JSON strings (escaped by the
// serializer), never as HTML.
//
// Threads: `threads` workers; an HTTP keep-alive connection holds a worker
// while open, so `threads` should exceed the number of concurrent clients.
// Thread-safe: Stop() may be called from any thread. Not copyable or movable.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "common/status.h"

namespace cronaca {

struct ServerOptions {
  static constexpr int kDefaultPort = 8080;
  static constexpr size_t kDefaultThreads = 64;
  static constexpr size_t kDefaultCacheEntries = 4096;
  static constexpr size_t kDefaultMaxIngestBytes = 16u << 20;

  std::string db = "cronaca.db";
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = kDefaultPort;         // 0: any free port (see Bind)
  std::string web_dir;             // static UI; empty: none
  size_t threads = kDefaultThreads;
  size_t cache_entries = kDefaultCacheEntries;  // 0: no response cache
  std::string token;               // empty: no ingest endpoint
  size_t max_ingest_bytes = kDefaultMaxIngestBytes;
  bool quiet = false;              // no warnings on stderr (analyzer creation)
};

class HttpServer {
 public:
  // Opens the database read-only (kNotFound if it does not exist) and sets
  // up the routes. Nothing listens yet.
  static Result<std::unique_ptr<HttpServer>> Create(ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port and returns the port (the chosen one when port is 0).
  Result<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  Status Serve();
  // Stops serving; Serve() returns. Safe from any thread, idempotent.
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The OpenAPI 3.0 description served at /api/openapi.json.
const char* OpenApiJson();

}  // namespace cronaca
