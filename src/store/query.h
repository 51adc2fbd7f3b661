// Read-only queries over the store, in the shapes of the HTTP API
// (docs/API.md): documents, stories, events, actors, quotations, the actor
// network. The server of `cronaca serve` (serve/http_server.h) is the user.
//
//   Result<std::unique_ptr<QueryStore>> q = QueryStore::Open("cronaca.db");
//   EventFilter filter;
//   filter.country = "RUS";
//   filter.from = "2025-01-01";
//   Result<nlohmann::json> page = (*q)->Events(filter, Page{.limit = 50});
//   // {"total": 1234, "total_exact": true, "limit": 50, "offset": 0, "items": [{document, idx, code, ...}]}
//
// Connections. The store's writer (store/store.h) owns the schema; this
// module opens the same SQLite file with its own read-only connections
// (SQLITE_OPEN_READONLY), one per concurrent caller: a small pool hands a
// free connection to each query and opens another when all are busy, so N
// server threads use at most N connections. WAL mode lets these readers run
// while a writer commits; each query sees one consistent snapshot.
//
// Filters are validated here (a malformed date, quad class or limit is a
// kInvalidArgument Status naming the parameter); a document, story or actor
// that does not exist is kNotFound. Strings that are unknown come back as ""
// (never null). Every begin/end is a BYTE offset into the document's original
// text (the span invariant of docs/ARCHITECTURE.md).
//
// Costs (100,000 documents, docs/API.md has measurements): lookups by id,
// code, actor code, country, speaker and story use indexes; the `q` text
// filters and the actor aggregation scan their table (no full-text index
// yet). Pages are cut in an inner query before any text is read, so a page
// of 50 reads 50 texts however many rows match. An event list's `total`
// stops at QueryOptions::total_limit matches ("total_exact": false past it).
//
// Thread-safe (the pool is guarded by a mutex; a connection serves one query
// at a time). Not copyable or movable (the pool owns connections).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cronaca {

// A page of a list: ?limit= (1..kMaxLimit) and ?offset=.
struct Page {
  static constexpr size_t kDefaultLimit = 50;
  static constexpr size_t kMaxLimit = 500;
  size_t limit = kDefaultLimit;
  size_t offset = 0;
};

// Dates are PartialDate strings ("2025", "2025-07", "2025-07-03"); a bound
// meets any date it overlaps: from=2025-07-03 keeps a document dated
// "2025-07", to=2025-07 keeps "2025-07-31". Empty fields do not filter.
struct DocumentFilter {
  std::string q;       // substring of the title or the text (scan)
  std::string lang, source, story;
  std::string from, to;
};

struct StoryFilter {
  std::string q;  // substring of the label
  std::string from, to;
};

struct EventFilter {
  std::string actor;    // an entity id ("putin_vladimir") or an actor code prefix ("RUSGOV")
  std::string country;  // 3-letter prefix of the source or target code
  std::string code;     // CAMEO code, exact or prefix ("19" = root 19, "190")
  std::string root;     // CAMEO root, two digits
  int quad = 0;         // quad class 1..4; 0 = any
  std::string from, to;  // the event's date, else its document's
  std::string place;     // place id or name
  std::string q;         // substring of the sentence (scan)
  std::string story, document;
};

struct QuoteFilter {
  std::string speaker;   // entity id or the speaker's name
  std::string q;         // substring of the quotation
  std::string document;
};

struct NetworkFilter {
  std::string story, from, to, country;
  size_t max_edges = 200;
};

struct QueryOptions {
  // An event list with more matches than this is paged by walking the
  // documents in date order (documents_date) instead of sorting every match;
  // both give the same pages (tested with 0).
  int64_t sort_limit = 2000;
  // An event list counts its matches up to this many: with more, `total` is
  // this number and `total_exact` false (counting 70,000 matches took 0.5 s).
  int64_t total_limit = 10000;
};

class QueryStore {
 public:
  // Opens `path` read-only. kNotFound if there is no such file, kStoreError
  // if it is not a cronaca database.
  static Result<std::unique_ptr<QueryStore>> Open(const std::string& path, QueryOptions options = {});
  ~QueryStore();
  QueryStore(const QueryStore&) = delete;
  QueryStore& operator=(const QueryStore&) = delete;

  // {version, documents, stories, events}
  Result<nlohmann::json> Health();
  // Pages: {total, limit, offset, items}.
  Result<nlohmann::json> Documents(const DocumentFilter& filter, Page page);
  Result<nlohmann::json> Stories(const StoryFilter& filter, Page page);
  Result<nlohmann::json> Events(const EventFilter& filter, Page page);
  Result<nlohmann::json> Actors(const std::string& q, Page page);
  Result<nlohmann::json> Quotes(const QuoteFilter& filter, Page page);
  // One story's list item: {id, first_date, last_date, label, n_documents,
  // n_sources}. kNotFound if there is no such story.
  Result<nlohmann::json> Story(const std::string& id);
  // One document with every layer; by id, key, or key prefix (>= 8 hex
  // digits). kNotFound if none.
  Result<nlohmann::json> Document(const std::string& id_or_key);
  // One actor (entity id): its documents, events and quotations, each list
  // cut at `page.limit`. kNotFound if no mention names it.
  Result<nlohmann::json> Actor(const std::string& entity, Page page);
  // {nodes: [{id, label, n_events}], edges: [{source, target, n_events, goldstein_mean}]}
  Result<nlohmann::json> Network(const NetworkFilter& filter);

  // Changes whenever another connection commits to the database (PRAGMA
  // data_version on a connection kept for this): the response cache's
  // validity check.
  Result<int64_t> DataVersion();

  // Checks a PartialDate filter value; kInvalidArgument naming `param`.
  static Status CheckDate(const std::string& param, const std::string& value);

 private:
  class Lease;
  QueryStore(std::string path, QueryOptions options) : path_(std::move(path)), options_(options) {}
  Result<sqlite3*> Acquire();
  void Release(sqlite3* db);

  std::string path_;
  QueryOptions options_;
  bool has_copies_ = false;  // the copies table exists (schema v3)
  std::mutex pool_mutex_;
  std::vector<sqlite3*> free_;  // idle connections
  std::vector<sqlite3*> all_;   // every connection, closed on destruction
  std::mutex version_mutex_;
  sqlite3* version_db_ = nullptr;  // only for DataVersion()
  sqlite3_stmt* version_stmt_ = nullptr;
};

}  // namespace cronaca
