#include "store/query.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <variant>

#include "common/annotations.h"

namespace cronaca {

namespace {

using json = nlohmann::json;
using Value = std::variant<std::string, int64_t>;

constexpr int kBusyTimeoutMs = 5000;

// A prepared statement on a borrowed connection; finalizes itself.
class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Status status(const std::string& what) const {
    return Status(StatusCode::kStoreError, what + ": " + sqlite3_errmsg(db_));
  }
  bool ok() const { return rc_ == SQLITE_OK; }
  void Bind(int i, const Value& v) {
    if (const std::string* s = std::get_if<std::string>(&v)) {
      sqlite3_bind_text(stmt_, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_int64(stmt_, i, std::get<int64_t>(v));
    }
  }
  void BindAll(const std::vector<Value>& values) {
    for (size_t i = 0; i < values.size(); ++i) Bind(static_cast<int>(i + 1), values[i]);
  }
  // SQLITE_ROW, SQLITE_DONE, or an error code.
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int col) {
    const void* t = sqlite3_column_blob(stmt_, col);  // bytes as stored (text or blob)
    return t ? std::string(static_cast<const char*>(t), sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

// AND-ed conditions with positional parameters, in order.
class Where {
 public:
  void Add(std::string condition, std::initializer_list<Value> args = {}) {
    conditions_.push_back(std::move(condition));
    args_.insert(args_.end(), args.begin(), args.end());
  }
  // The conditions AND-ed, without " WHERE" ("1" if none), and their arguments.
  std::string Joined() const {
    std::string out;
    for (const std::string& c : conditions_) out += (out.empty() ? "(" : " AND (") + c + ")";
    return out.empty() ? "1" : out;
  }
  bool empty() const { return conditions_.empty(); }
  void AddMany(std::string condition, const std::vector<Value>& args) {
    conditions_.push_back(std::move(condition));
    args_.insert(args_.end(), args.begin(), args.end());
  }
  std::string Sql() const {
    std::string out;
    for (const std::string& c : conditions_) out += (out.empty() ? " WHERE (" : " AND (") + c + ")";
    return out;
  }
  const std::vector<Value>& args() const { return args_; }

 private:
  std::vector<std::string> conditions_;
  std::vector<Value> args_;
};

// The end of the range of strings that start with `prefix` (ASCII codes).
std::string PrefixEnd(std::string prefix) {
  if (prefix.empty()) return std::string(1, '\x7f');
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

// An upper date bound that keeps every more precise date inside it:
// "2025-07" -> "2025-07~" ('~' sorts after digits and '-').
std::string UpperBound(const std::string& to) { return to + "~"; }

// "%text%" for LIKE, with LIKE's wildcards escaped ('\' is the escape).
std::string LikePattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// A date expression `expr` (PartialDate text) overlaps [from, to].
void AddDateRange(Where* where, const std::string& expr, const std::string& from, const std::string& to) {
  if (!from.empty()) {
    // A coarser date that contains `from` ("2025-07" for from=2025-07-03) overlaps too.
    where->Add(expr + " != '' AND (" + expr + " >= ? OR substr(?, 1, length(" + expr + ")) = " + expr + ")",
               {from, from});
  }
  if (!to.empty()) where->Add(expr + " != '' AND " + expr + " <= ?", {UpperBound(to)});
}

json Modality(int64_t bits) {
  json out = json::array();
  for (auto [bit, name] : {std::pair{kModalityNegated, "negated"}, {kModalityIntent, "intent"},
                           {kModalityAlleged, "alleged"}, {kModalityReported, "reported"},
                           {kModalityHistory, "history"}}) {
    if (bits & bit) out.push_back(name);
  }
  return out;
}

// Scores are floats in the pipeline: 0.56, not 0.5600000023841858.
double Round3(double v) {
  constexpr double kScale = 1000.0;
  return std::round(v * kScale) / kScale;
}

json PageJson(int64_t total, const Page& page, json items) {
  return {{"total", total}, {"limit", page.limit}, {"offset", page.offset}, {"items", std::move(items)}};
}

Result<int64_t> Count(sqlite3* db, const std::string& sql, const std::vector<Value>& args) {
  Stmt st(db, sql);
  if (!st.ok()) return st.status("preparing a count");
  st.BindAll(args);
  if (st.Step() != SQLITE_ROW) return st.status("counting");
  return st.Int(0);
}

// Runs `sql` (with `args` then limit and offset bound) and turns each row
// into JSON with `row`.
template <typename RowFn>
Result<json> Rows(sqlite3* db, const std::string& sql, std::vector<Value> args, RowFn row) {
  Stmt st(db, sql);
  if (!st.ok()) return st.status("preparing a query");
  st.BindAll(args);
  json items = json::array();
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) items.push_back(row(st));
  if (rc != SQLITE_DONE) return st.status("reading");
  return items;
}

std::vector<Value> WithPage(std::vector<Value> args, const Page& page) {
  args.emplace_back(static_cast<int64_t>(page.limit));
  args.emplace_back(static_cast<int64_t>(page.offset));
  return args;
}

// The key of a document given by id, "id.txt", key, or key prefix; "" if none.
Result<std::string> ResolveKey(sqlite3* db, const std::string& id_or_key) {
  for (const std::string& id : {id_or_key, id_or_key.size() > 4 && id_or_key.ends_with(".txt")
                                               ? id_or_key.substr(0, id_or_key.size() - 4)
                                               : std::string()}) {
    if (id.empty()) continue;
    Stmt st(db, "SELECT key FROM document_ids WHERE id = ?");
    st.Bind(1, id);
    if (st.Step() == SQLITE_ROW) return st.Text(0);
  }
  constexpr size_t kMinPrefix = 8;
  if (id_or_key.size() >= kMinPrefix && id_or_key.find_first_not_of("0123456789abcdef") == std::string::npos) {
    Stmt st(db, "SELECT key FROM documents WHERE key >= ? AND key < ? LIMIT 2");
    st.Bind(1, id_or_key);
    st.Bind(2, id_or_key + "g");
    std::vector<std::string> keys;
    while (st.Step() == SQLITE_ROW) keys.push_back(st.Text(0));
    if (keys.size() == 1) return keys[0];
    if (keys.size() > 1) return Status(StatusCode::kInvalidArgument, "'" + id_or_key + "' matches several documents");
  }
  return std::string();
}

// The columns of an event item, for a query over `events e JOIN documents d
// LEFT JOIN sentences s` (see EventItem).
constexpr const char* kEventColumns =
    "d.id, e.idx, coalesce(nullif(e.date, ''), d.date, ''), e.source, e.target, e.code, e.plover, e.quad_class, "
    "e.goldstein, e.place, e.modality, e.rule, "
    "substr(CAST(d.original AS BLOB), e.trigger_begin + 1, e.trigger_end - e.trigger_begin), "
    "substr(CAST(d.original AS BLOB), s.begin + 1, s.end - s.begin), e.trigger_begin, e.trigger_end, e.confidence";

json EventItem(Stmt& st) {
  std::string code = st.Text(5);
  return {{"document", st.Text(0)},  {"idx", st.Int(1)},          {"date", st.Text(2)},
          {"source", st.Text(3)},    {"target", st.Text(4)},      {"code", code},
          {"root", code.substr(0, 2)}, {"plover", st.Text(6)},    {"quad_class", st.Int(7)},
          {"goldstein", Round3(st.Real(8))}, {"place", st.Text(9)},       {"modality", Modality(st.Int(10))},
          {"rule", st.Text(11)},     {"trigger", st.Text(12)},    {"sentence", st.Text(13)},
          {"trigger_begin", st.Int(14)}, {"trigger_end", st.Int(15)}, {"confidence", Round3(st.Real(16))}};
}

// The columns of a story item, for a query over `stories s` (see StoryItem).
constexpr const char* kStoryColumns =
    "SELECT s.id, coalesce(s.first_date, ''), coalesce(s.last_date, ''), coalesce(s.label, ''), "
    "(SELECT count(*) FROM document_stories ds WHERE ds.story = s.id), "
    "(SELECT count(DISTINCT d.source) FROM document_stories ds JOIN documents d ON d.key = ds.key "
    " WHERE ds.story = s.id AND d.source != '')";

json StoryItem(Stmt& st) {
  return {{"id", st.Text(0)},    {"first_date", st.Text(1)}, {"last_date", st.Text(2)},
          {"label", st.Text(3)}, {"n_documents", st.Int(4)}, {"n_sources", st.Int(5)}};
}

// The copy record of a document `d` (copies table, schema v3): five columns
// after the document's, NULL when it is not a copy (see CopyOf).
constexpr const char* kCopyColumns =
    ", c.origin, coalesce(o.id, c.origin), c.kind, c.similarity, coalesce(c.rule, '')";
constexpr const char* kCopyJoins =
    " LEFT JOIN copies c ON c.key = d.key LEFT JOIN documents o ON o.key = c.origin";
// A database older than v3 has no copies table: every copy_of is null.
constexpr const char* kNoCopyColumns = ", NULL, NULL, NULL, NULL, NULL";

// {origin (document id), origin_key, kind, similarity, rule} or null, from
// the five copy columns starting at `col`.
json CopyOf(Stmt& st, int col) {
  if (st.IsNull(col)) return nullptr;
  return {{"origin", st.Text(col + 1)}, {"origin_key", st.Text(col)}, {"kind", st.Text(col + 2)},
          {"similarity", Round3(st.Real(col + 3))}, {"rule", st.Text(col + 4)}};
}

// Quotations listed: every direct or reported one that has content.
constexpr const char* kQuoteColumns =
    "d.id, x.idx, substr(CAST(d.original AS BLOB), x.content_begin + 1, x.content_end - x.content_begin), "
    "x.speaker, x.speaker_code, x.speaker_entity, coalesce(d.date, ''), x.indirect, x.kind, x.rule";

json QuoteItem(Stmt& st) {
  return {{"document", st.Text(0)},     {"idx", st.Int(1)},          {"text", st.Text(2)},
          {"speaker", st.Text(3)},      {"speaker_code", st.Text(4)}, {"speaker_entity", st.Text(5)},
          {"date", st.Text(6)},         {"indirect", st.Int(7) != 0},
          {"kind", QuoteKindName(static_cast<QuoteKind>(st.Int(8)))}, {"rule", st.Text(9)}};
}

// Adds the conditions of `f` on `events e` (and `documents d` for the date
// and text filters). Returns whether they refer to `d`.
bool AddEventFilters(const EventFilter& f, Where* where) {
  if (!f.actor.empty()) {
    // Entity ids are lower case ("putin_vladimir"); actor codes upper case.
    bool entity = std::any_of(f.actor.begin(), f.actor.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (entity) {
      where->Add("e.key IN (SELECT key FROM mentions WHERE entity = ?) AND EXISTS (SELECT 1 FROM mentions m "
                 "WHERE m.key = e.key AND m.entity = ? AND m.idx IN (e.source_mention, e.target_mention))",
                 {f.actor, f.actor});
    } else {
      std::string end = PrefixEnd(f.actor);
      where->Add("(e.source >= ? AND e.source < ?) OR (e.target >= ? AND e.target < ?)", {f.actor, end, f.actor, end});
    }
  }
  if (!f.country.empty()) {
    std::string end = PrefixEnd(f.country);
    where->Add("(e.source >= ? AND e.source < ?) OR (e.target >= ? AND e.target < ?)",
               {f.country, end, f.country, end});
  }
  if (!f.code.empty()) where->Add("e.code >= ? AND e.code < ?", {f.code, PrefixEnd(f.code)});
  if (!f.root.empty()) where->Add("e.code >= ? AND e.code < ?", {f.root, PrefixEnd(f.root)});
  if (f.quad) where->Add("e.quad_class = ?", {static_cast<int64_t>(f.quad)});
  if (!f.from.empty() || !f.to.empty()) {
    // The event's own date, else its document's (found through documents_date,
    // without reading each event's document).
    Where own, published;
    AddDateRange(&own, "e.date", f.from, f.to);
    AddDateRange(&published, "date", f.from, f.to);
    std::vector<Value> args = own.args();
    args.insert(args.end(), published.args().begin(), published.args().end());
    where->AddMany("(coalesce(e.date, '') != '' AND " + own.Joined() + ") OR (coalesce(e.date, '') = '' AND e.key IN "
                   "(SELECT key FROM documents WHERE " + published.Joined() + "))",
                   args);
  }
  if (!f.place.empty()) {
    where->Add("e.place = ? OR e.place IN (SELECT place FROM places WHERE name = ? COLLATE NOCASE)", {f.place, f.place});
  }
  if (!f.q.empty()) {
    where->Add("EXISTS (SELECT 1 FROM sentences s2 WHERE s2.key = e.key AND s2.idx = e.sentence AND "
               "CAST(substr(CAST(d.original AS BLOB), s2.begin + 1, s2.end - s2.begin) AS TEXT) LIKE ? ESCAPE '\\')",
               {LikePattern(f.q)});
  }
  if (!f.story.empty()) where->Add("e.key IN (SELECT key FROM document_stories WHERE story = ?)", {f.story});
  if (!f.document.empty()) {
    where->Add("e.key IN (SELECT key FROM document_ids WHERE id = ? UNION SELECT ?)", {f.document, f.document});
  }
  return !f.q.empty();
}

Status ParamError(const std::string& param, const std::string& why) {
  return Status(StatusCode::kInvalidArgument, param + ": " + why);
}

}  // namespace

// A connection borrowed from the pool for one query.
class QueryStore::Lease {
 public:
  explicit Lease(QueryStore* owner) : owner_(owner), db_(owner->Acquire()) {}
  ~Lease() {
    if (db_.ok()) owner_->Release(*db_);
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  bool ok() const { return db_.ok(); }
  const Status& status() const { return db_.status(); }
  sqlite3* get() { return *db_; }

 private:
  QueryStore* owner_;
  Result<sqlite3*> db_;
};

#define CRONACA_LEASE(name)                  \
  Lease name(this);                          \
  if (!name.ok()) return name.status()

namespace {

Result<sqlite3*> OpenReadOnly(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status(StatusCode::kStoreError, path + ": cannot open the database read-only (" + why + ")");
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // Read through a memory map (no read() call per page) with a larger page cache.
  sqlite3_exec(db, "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -32768", nullptr, nullptr, nullptr);
  return db;
}

}  // namespace

Result<std::unique_ptr<QueryStore>> QueryStore::Open(const std::string& path, QueryOptions options) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) return Status(StatusCode::kNotFound, path + ": no such database");
  std::unique_ptr<QueryStore> store(new QueryStore(path, options));
  auto db = OpenReadOnly(path);
  if (!db.ok()) return db.status();
  store->version_db_ = *db;
  Stmt check(*db, "SELECT count(*) FROM documents, stories LIMIT 0");
  if (!check.ok()) {
    return Status(StatusCode::kStoreError, path + ": not a cronaca database of schema version 2 or later (" +
                                               sqlite3_errmsg(*db) + ")");
  }
  store->has_copies_ = Stmt(*db, "SELECT 1 FROM copies LIMIT 0").ok();  // schema v3
  return store;
}

QueryStore::~QueryStore() {
  for (sqlite3* db : all_) sqlite3_close(db);
  sqlite3_finalize(version_stmt_);
  sqlite3_close(version_db_);
}

Result<sqlite3*> QueryStore::Acquire() {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!free_.empty()) {
      sqlite3* db = free_.back();
      free_.pop_back();
      return db;
    }
  }
  auto db = OpenReadOnly(path_);
  if (!db.ok()) return db.status();
  std::lock_guard<std::mutex> lock(pool_mutex_);
  all_.push_back(*db);
  return *db;
}

void QueryStore::Release(sqlite3* db) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  free_.push_back(db);
}

Result<int64_t> QueryStore::DataVersion() {
  std::lock_guard<std::mutex> lock(version_mutex_);
  // Prepared once: this runs before every API request.
  if (!version_stmt_ && sqlite3_prepare_v2(version_db_, "PRAGMA data_version", -1, &version_stmt_, nullptr) != SQLITE_OK) {
    return Status(StatusCode::kStoreError, std::string("reading data_version: ") + sqlite3_errmsg(version_db_));
  }
  int rc = sqlite3_step(version_stmt_);
  int64_t version = rc == SQLITE_ROW ? sqlite3_column_int64(version_stmt_, 0) : -1;
  sqlite3_reset(version_stmt_);
  if (rc != SQLITE_ROW) {
    return Status(StatusCode::kStoreError, std::string("reading data_version: ") + sqlite3_errmsg(version_db_));
  }
  return version;
}

Status QueryStore::CheckDate(const std::string& param, const std::string& value) {
  if (value.empty()) return Status::Ok();
  // YYYY, YYYY-MM or YYYY-MM-DD.
  static constexpr const char* kShape = "0000-00-00";
  bool ok = value.size() == 4 || value.size() == 7 || value.size() == 10;
  for (size_t i = 0; ok && i < value.size(); ++i) {
    ok = kShape[i] == '-' ? value[i] == '-' : (value[i] >= '0' && value[i] <= '9');
  }
  return ok ? Status::Ok() : ParamError(param, "'" + value + "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
}

Result<json> QueryStore::Health() {
  CRONACA_LEASE(db);
  json out = {{"version", CRONACA_VERSION}};
  for (auto [name, sql] : {std::pair{"documents", "SELECT count(*) FROM documents"},
                           {"stories", "SELECT count(*) FROM stories"},
                           {"events", "SELECT count(*) FROM events"}}) {
    auto n = Count(db.get(), sql, {});
    if (!n.ok()) return n.status();
    out[name] = *n;
  }
  return out;
}

Result<json> QueryStore::Documents(const DocumentFilter& f, Page page) {
  CRONACA_RETURN_IF_ERROR(CheckDate("from", f.from));
  CRONACA_RETURN_IF_ERROR(CheckDate("to", f.to));
  Where where;
  if (!f.q.empty()) {
    std::string like = LikePattern(f.q);
    where.Add("d.title LIKE ? ESCAPE '\\' OR d.original LIKE ? ESCAPE '\\'", {like, like});
  }
  if (!f.lang.empty()) where.Add("d.lang = ?", {f.lang});
  if (!f.source.empty()) where.Add("d.source = ?", {f.source});
  if (!f.story.empty()) where.Add("d.key IN (SELECT key FROM document_stories WHERE story = ?)", {f.story});
  AddDateRange(&where, "coalesce(d.date, '')", f.from, f.to);
  CRONACA_LEASE(db);
  auto total = Count(db.get(), "SELECT count(*) FROM documents d" + where.Sql(), where.args());
  if (!total.ok()) return total.status();
  // The page is cut by key first; counts and texts are read for its rows only.
  std::string sql =
      "SELECT d.id, d.key, coalesce(d.title, ''), coalesce(d.source, ''), coalesce(d.date, ''), coalesce(d.lang, ''), "
      "coalesce(d.url, ''), coalesce(ds.story, ''), coalesce(d.quality, 1.0), coalesce(d.machine_translation, 0), "
      "(SELECT count(*) FROM events e WHERE e.key = d.key), "
      "(SELECT count(*) FROM quotes x WHERE x.key = d.key AND x.indirect = 0 AND x.kind != 3), "
      "(SELECT count(*) FROM mentions m WHERE m.key = d.key)" + std::string(has_copies_ ? kCopyColumns : kNoCopyColumns) +
      " FROM (SELECT d.key FROM documents d" + where.Sql() +
      " ORDER BY d.date DESC, d.key LIMIT ? OFFSET ?) p "
      "JOIN documents d ON d.key = p.key LEFT JOIN document_stories ds ON ds.key = d.key" +
      (has_copies_ ? kCopyJoins : "") + " ORDER BY d.date DESC, d.key";
  auto items = Rows(db.get(), sql, WithPage(where.args(), page), [](Stmt& st) -> json {
    return {{"id", st.Text(0)},        {"key", st.Text(1)},      {"title", st.Text(2)},
            {"source", st.Text(3)},    {"date", st.Text(4)},     {"lang", st.Text(5)},
            {"url", st.Text(6)},       {"story", st.Text(7)},    {"quality", Round3(st.Real(8))},
            {"machine_translation", st.Int(9) != 0},             {"n_events", st.Int(10)},
            {"n_quotes", st.Int(11)},  {"n_mentions", st.Int(12)}, {"copy_of", CopyOf(st, 13)}};
  });
  if (!items.ok()) return items.status();
  return PageJson(*total, page, std::move(*items));
}

Result<json> QueryStore::Document(const std::string& id_or_key) {
  CRONACA_LEASE(db);
  auto key = ResolveKey(db.get(), id_or_key);
  if (!key.ok()) return key.status();
  if (key->empty()) return Status(StatusCode::kNotFound, "no document '" + id_or_key + "'");
  // One snapshot for every layer.
  sqlite3_exec(db.get(), "BEGIN", nullptr, nullptr, nullptr);
  struct EndRead {
    sqlite3* db;
    ~EndRead() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  } end_read{db.get()};
  json doc;
  {
    Stmt st(db.get(),
            "SELECT d.id, d.key, coalesce(d.title, ''), coalesce(d.source, ''), coalesce(d.date, ''), "
            "coalesce(d.lang, ''), coalesce(d.url, ''), coalesce(ds.story, ''), coalesce(d.quality, 1.0), "
            "coalesce(d.machine_translation, 0), d.original, d.body_begin, d.body_end, coalesce(d.pipeline, ''), "
            "coalesce(d.analyzed_at, '')" + std::string(has_copies_ ? kCopyColumns : kNoCopyColumns) +
            " FROM documents d LEFT JOIN document_stories ds ON ds.key = d.key" + (has_copies_ ? kCopyJoins : "") +
            " WHERE d.key = ?");
    st.Bind(1, *key);
    if (st.Step() != SQLITE_ROW) return Status(StatusCode::kNotFound, "no document '" + id_or_key + "'");
    doc = {{"id", st.Text(0)},      {"key", st.Text(1)},     {"title", st.Text(2)},
           {"source", st.Text(3)},  {"date", st.Text(4)},    {"lang", st.Text(5)},
           {"url", st.Text(6)},     {"story", st.Text(7)},   {"quality", Round3(st.Real(8))},
           {"machine_translation", st.Int(9) != 0},          {"text", st.Text(10)},
           {"body", {{"begin", st.Int(11)}, {"end", st.Int(12)}}},
           {"pipeline", st.Text(13)}, {"analyzed_at", st.Text(14)}, {"copy_of", CopyOf(st, 15)}};
  }
  auto layer = [&](const char* name, const std::string& sql, auto row) -> Status {
    auto items = Rows(db.get(), sql, {*key}, row);
    if (!items.ok()) return items.status();
    doc[name] = std::move(*items);
    return Status::Ok();
  };
  CRONACA_RETURN_IF_ERROR(layer("ids", "SELECT id FROM document_ids WHERE key = ? ORDER BY id",
                                [](Stmt& st) -> json { return st.Text(0); }));
  CRONACA_RETURN_IF_ERROR(layer("sentences", "SELECT begin, end FROM sentences WHERE key = ? ORDER BY idx",
                                [](Stmt& st) -> json { return {{"begin", st.Int(0)}, {"end", st.Int(1)}}; }));
  CRONACA_RETURN_IF_ERROR(layer(
      "mentions",
      "SELECT begin, end, coalesce(entity, ''), coalesce(name, ''), coalesce(code, ''), coalesce(rule, ''), type "
      "FROM mentions WHERE key = ? ORDER BY idx",
      [](Stmt& st) -> json {
        return {{"begin", st.Int(0)}, {"end", st.Int(1)}, {"entity", st.Text(2)}, {"name", st.Text(3)},
                {"code", st.Text(4)}, {"rule", st.Text(5)},
                {"type", MentionTypeName(static_cast<MentionType>(st.Int(6)))}};
      }));
  CRONACA_RETURN_IF_ERROR(layer(
      "places",
      "SELECT begin, end, coalesce(place, ''), coalesce(name, ''), coalesce(country, ''), latitude, longitude, "
      "coalesce(rule, '') FROM places WHERE key = ? ORDER BY idx",
      [](Stmt& st) -> json {
        json p = {{"begin", st.Int(0)}, {"end", st.Int(1)}, {"place", st.Text(2)}, {"name", st.Text(3)},
                  {"country", st.Text(4)}, {"latitude", nullptr}, {"longitude", nullptr}, {"rule", st.Text(7)}};
        if (!st.IsNull(5)) p["latitude"] = st.Real(5);
        if (!st.IsNull(6)) p["longitude"] = st.Real(6);
        return p;
      }));
  CRONACA_RETURN_IF_ERROR(layer(
      "times", "SELECT begin, end, coalesce(value, ''), coalesce(rule, '') FROM times WHERE key = ? ORDER BY idx",
      [](Stmt& st) -> json {
        return {{"begin", st.Int(0)}, {"end", st.Int(1)}, {"value", st.Text(2)}, {"rule", st.Text(3)}};
      }));
  CRONACA_RETURN_IF_ERROR(layer(
      "quotes",
      "SELECT begin, end, content_begin, content_end, coalesce(speaker, ''), coalesce(speaker_code, ''), "
      "coalesce(rule, ''), indirect, kind, coalesce(speaker_entity, '') FROM quotes WHERE key = ? ORDER BY idx",
      [](Stmt& st) -> json {
        return {{"begin", st.Int(0)},         {"end", st.Int(1)},
                {"content_begin", st.Int(2)}, {"content_end", st.Int(3)},
                {"speaker", st.Text(4)},      {"speaker_code", st.Text(5)},
                {"rule", st.Text(6)},         {"indirect", st.Int(7) != 0},
                {"kind", QuoteKindName(static_cast<QuoteKind>(st.Int(8)))},
                {"speaker_entity", st.Text(9)}};
      }));
  CRONACA_RETURN_IF_ERROR(layer(
      "events",
      "SELECT idx, trigger_begin, trigger_end, coalesce(source, ''), coalesce(target, ''), coalesce(code, ''), "
      "coalesce(plover, ''), quad_class, goldstein, coalesce(date, ''), modality, coalesce(rule, ''), "
      "coalesce(place, ''), sentence, confidence FROM events WHERE key = ? ORDER BY idx",
      [](Stmt& st) -> json {
        std::string code = st.Text(5);
        return {{"idx", st.Int(0)},        {"trigger_begin", st.Int(1)}, {"trigger_end", st.Int(2)},
                {"source", st.Text(3)},    {"target", st.Text(4)},       {"code", code},
                {"root", code.substr(0, 2)}, {"plover", st.Text(6)},     {"quad_class", st.Int(7)},
                {"goldstein", Round3(st.Real(8))}, {"date", st.Text(9)},         {"modality", Modality(st.Int(10))},
                {"rule", st.Text(11)},     {"place", st.Text(12)},       {"sentence", st.Int(13)},
                {"confidence", Round3(st.Real(14))}};
      }));
  CRONACA_RETURN_IF_ERROR(layer(
      "quality_flags",
      "SELECT begin, end, coalesce(kind, ''), coalesce(category, ''), coalesce(explanation, ''), coalesce(rule, '') "
      "FROM quality_flags WHERE key = ? ORDER BY idx",
      [](Stmt& st) -> json {
        return {{"begin", st.Int(0)},     {"end", st.Int(1)},         {"kind", st.Text(2)},
                {"category", st.Text(3)}, {"explanation", st.Text(4)}, {"rule", st.Text(5)}};
      }));
  return doc;
}

Result<json> QueryStore::Stories(const StoryFilter& f, Page page) {
  CRONACA_RETURN_IF_ERROR(CheckDate("from", f.from));
  CRONACA_RETURN_IF_ERROR(CheckDate("to", f.to));
  Where where;
  if (!f.q.empty()) where.Add("s.label LIKE ? ESCAPE '\\'", {LikePattern(f.q)});
  // The story's span [first_date, last_date] overlaps [from, to].
  AddDateRange(&where, "coalesce(s.last_date, '')", f.from, "");
  if (!f.to.empty()) where.Add("coalesce(s.first_date, '') <= ?", {UpperBound(f.to)});
  CRONACA_LEASE(db);
  auto total = Count(db.get(), "SELECT count(*) FROM stories s" + where.Sql(), where.args());
  if (!total.ok()) return total.status();
  std::string sql = std::string(kStoryColumns) + " FROM (SELECT s.id FROM stories s" + where.Sql() +
                    " ORDER BY s.last_date DESC, s.id LIMIT ? OFFSET ?) p JOIN stories s ON s.id = p.id "
                    "ORDER BY s.last_date DESC, s.id";
  auto items = Rows(db.get(), sql, WithPage(where.args(), page), StoryItem);
  if (!items.ok()) return items.status();
  return PageJson(*total, page, std::move(*items));
}

Result<json> QueryStore::Story(const std::string& id) {
  CRONACA_LEASE(db);
  auto items = Rows(db.get(), std::string(kStoryColumns) + " FROM stories s WHERE s.id = ?", {id}, StoryItem);
  if (!items.ok()) return items.status();
  if (items->empty()) return Status(StatusCode::kNotFound, "no story '" + id + "'");
  return std::move((*items)[0]);
}

Result<json> QueryStore::Events(const EventFilter& f, Page page) {
  CRONACA_RETURN_IF_ERROR(CheckDate("from", f.from));
  CRONACA_RETURN_IF_ERROR(CheckDate("to", f.to));
  if (f.quad < 0 || f.quad > 4) return ParamError("quad", "the quad class is 1 to 4");
  if (!f.root.empty() && (f.root.size() != 2 || !isdigit(static_cast<unsigned char>(f.root[0])) ||
                          !isdigit(static_cast<unsigned char>(f.root[1])))) {
    return ParamError("root", "'" + f.root + "' is not a CAMEO root (two digits, 01 to 20)");
  }
  Where where;
  const bool needs_document = AddEventFilters(f, &where);
  CRONACA_LEASE(db);
  const std::string from = " FROM events e JOIN documents d ON d.key = e.key";
  // Every event has its document (foreign key): count without the join when no
  // filter reads it. The count stops after total_limit + 1 matches: a broad
  // filter (a country over a year) would spend most of its time counting.
  std::vector<Value> count_args = where.args();
  count_args.emplace_back(options_.total_limit + 1);
  auto total = Count(db.get(), "SELECT count(*) FROM (SELECT 1" + (needs_document ? from : " FROM events e") +
                                   where.Sql() + " LIMIT ?)",
                     count_args);
  if (!total.ok()) return total.status();
  const bool exact = *total <= options_.total_limit;
  if (!exact) *total = options_.total_limit;
  // Events are listed with their documents, newest report first. Many matches
  // (a root, a country): walk the documents in date order (documents_date)
  // and stop at the page, so a page costs its rows, not every match. Few
  // matches: find them through the filter's index and sort them.
  const std::string order = " ORDER BY d.date DESC, e.key, e.idx";
  const bool by_date = *total > options_.sort_limit;
  const std::string page_from = by_date ? " FROM documents d CROSS JOIN events e ON e.key = d.key" : from;
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM (SELECT e.key, e.idx" + page_from + where.Sql() + order + " LIMIT ? OFFSET ?) p "
                    "JOIN events e ON e.key = p.key AND e.idx = p.idx JOIN documents d ON d.key = e.key "
                    "LEFT JOIN sentences s ON s.key = e.key AND s.idx = e.sentence" + order;
  auto items = Rows(db.get(), sql, WithPage(where.args(), page), EventItem);
  if (!items.ok()) return items.status();
  json out = PageJson(*total, page, std::move(*items));
  out["total_exact"] = exact;
  return out;
}

Result<json> QueryStore::Actors(const std::string& q, Page page) {
  Where where;
  where.Add("m.entity != ''");
  if (!q.empty()) {
    std::string like = LikePattern(q);
    where.Add("m.entity LIKE ? ESCAPE '\\' OR m.name LIKE ? ESCAPE '\\'", {like, like});
  }
  CRONACA_LEASE(db);
  auto total = Count(db.get(), "SELECT count(DISTINCT m.entity) FROM mentions m" + where.Sql(), where.args());
  if (!total.ok()) return total.status();
  std::string sql =
      "SELECT a.entity, "
      // The name and code most often given (a code can change with the date).
      "(SELECT coalesce(name, '') FROM mentions WHERE entity = a.entity GROUP BY name ORDER BY count(*) DESC, name "
      "LIMIT 1), "
      "(SELECT coalesce(code, '') FROM mentions WHERE entity = a.entity GROUP BY code ORDER BY count(*) DESC, code "
      "LIMIT 1), a.n_mentions, a.n_documents, "
      "(SELECT count(*) FROM events e JOIN mentions m ON m.key = e.key AND m.idx IN (e.source_mention, "
      "e.target_mention) WHERE m.entity = a.entity) "
      "FROM (SELECT m.entity, count(*) AS n_mentions, count(DISTINCT m.key) AS n_documents FROM mentions m" + where.Sql() +
      " GROUP BY m.entity ORDER BY n_mentions DESC, m.entity LIMIT ? OFFSET ?) a "
      "ORDER BY a.n_mentions DESC, a.entity";
  auto items = Rows(db.get(), sql, WithPage(where.args(), page), [](Stmt& st) -> json {
    return {{"id", st.Text(0)},          {"name", st.Text(1)},        {"code", st.Text(2)},
            {"n_mentions", st.Int(3)},   {"n_documents", st.Int(4)},  {"n_events", st.Int(5)}};
  });
  if (!items.ok()) return items.status();
  return PageJson(*total, page, std::move(*items));
}

Result<json> QueryStore::Actor(const std::string& entity, Page page) {
  CRONACA_LEASE(db);
  json out;
  {
    Stmt st(db.get(),
            "SELECT (SELECT coalesce(name, '') FROM mentions WHERE entity = ?1 GROUP BY name ORDER BY count(*) DESC, "
            "name LIMIT 1), (SELECT coalesce(code, '') FROM mentions WHERE entity = ?1 GROUP BY code ORDER BY "
            "count(*) DESC, code LIMIT 1), count(*) FROM mentions WHERE entity = ?1");
    st.Bind(1, entity);
    if (st.Step() != SQLITE_ROW || st.Int(2) == 0) return Status(StatusCode::kNotFound, "no actor '" + entity + "'");
    out = {{"id", entity}, {"name", st.Text(0)}, {"code", st.Text(1)}, {"n_mentions", st.Int(2)}};
  }
  Page first{page.limit, 0};
  auto docs = Rows(db.get(),
                   "SELECT d.id FROM documents d WHERE d.key IN (SELECT key FROM mentions WHERE entity = ?) "
                   "ORDER BY d.date DESC, d.key LIMIT ? OFFSET ?",
                   WithPage({entity}, first), [](Stmt& st) -> json { return st.Text(0); });
  if (!docs.ok()) return docs.status();
  out["documents"] = std::move(*docs);
  for (auto [name, column] : {std::pair{"events_as_source", "e.source_mention"}, {"events_as_target", "e.target_mention"}}) {
    std::string sql = std::string("SELECT ") + kEventColumns +
                      " FROM mentions m JOIN events e ON e.key = m.key AND " + column +
                      " = m.idx JOIN documents d ON d.key = e.key "
                      "LEFT JOIN sentences s ON s.key = e.key AND s.idx = e.sentence WHERE m.entity = ? "
                      "ORDER BY d.date DESC, e.key, e.idx LIMIT ? OFFSET ?";
    auto events = Rows(db.get(), sql, WithPage({entity}, first), EventItem);
    if (!events.ok()) return events.status();
    out[name] = std::move(*events);
  }
  auto quotes = Rows(db.get(),
                     std::string("SELECT ") + kQuoteColumns +
                         " FROM quotes x JOIN documents d ON d.key = x.key WHERE x.speaker_entity = ? AND x.kind != 3 "
                         "ORDER BY d.date DESC, x.key, x.idx LIMIT ? OFFSET ?",
                     WithPage({entity}, first), QuoteItem);
  if (!quotes.ok()) return quotes.status();
  out["quotes"] = std::move(*quotes);
  return out;
}

Result<json> QueryStore::Quotes(const QuoteFilter& f, Page page) {
  Where where;
  where.Add("x.kind != 3");  // an empty quotation has no text
  if (!f.speaker.empty()) {
    where.Add("x.speaker_entity = ? OR x.speaker = ? COLLATE NOCASE", {f.speaker, f.speaker});
  }
  if (!f.q.empty()) {
    where.Add("CAST(substr(CAST(d.original AS BLOB), x.content_begin + 1, x.content_end - x.content_begin) AS TEXT) "
              "LIKE ? ESCAPE '\\'",
              {LikePattern(f.q)});
  }
  if (!f.document.empty()) {
    where.Add("x.key IN (SELECT key FROM document_ids WHERE id = ? UNION SELECT ?)", {f.document, f.document});
  }
  CRONACA_LEASE(db);
  const std::string from = " FROM quotes x JOIN documents d ON d.key = x.key";
  auto total = Count(db.get(), "SELECT count(*)" + from + where.Sql(), where.args());
  if (!total.ok()) return total.status();
  const std::string order = " ORDER BY d.date DESC, x.key, x.idx";
  std::string sql = std::string("SELECT ") + kQuoteColumns + " FROM (SELECT x.key, x.idx" + from + where.Sql() +
                    order + " LIMIT ? OFFSET ?) p JOIN quotes x ON x.key = p.key AND x.idx = p.idx "
                    "JOIN documents d ON d.key = x.key" + order;
  auto items = Rows(db.get(), sql, WithPage(where.args(), page), QuoteItem);
  if (!items.ok()) return items.status();
  return PageJson(*total, page, std::move(*items));
}

Result<json> QueryStore::Network(const NetworkFilter& f) {
  CRONACA_RETURN_IF_ERROR(CheckDate("from", f.from));
  CRONACA_RETURN_IF_ERROR(CheckDate("to", f.to));
  EventFilter events;
  events.story = f.story;
  events.from = f.from;
  events.to = f.to;
  events.country = f.country;
  Where where;
  where.Add("e.source != '' AND e.target != ''");
  AddEventFilters(events, &where);
  CRONACA_LEASE(db);
  std::vector<Value> args = where.args();
  args.emplace_back(static_cast<int64_t>(f.max_edges));
  json edges = json::array();
  std::map<std::string, int64_t> node_events;
  auto rows = Rows(db.get(),
                   "SELECT e.source, e.target, count(*), avg(e.goldstein) FROM events e JOIN documents d ON d.key = "
                   "e.key" + where.Sql() + " GROUP BY e.source, e.target ORDER BY count(*) DESC, e.source, e.target "
                   "LIMIT ?",
                   args, [&](Stmt& st) -> json {
                     int64_t n = st.Int(2);
                     node_events[st.Text(0)] += n;
                     if (st.Text(1) != st.Text(0)) node_events[st.Text(1)] += n;
                     return {{"source", st.Text(0)}, {"target", st.Text(1)}, {"n_events", n},
                             {"goldstein_mean", Round3(st.Real(3))}};
                   });
  if (!rows.ok()) return rows.status();
  json nodes = json::array();
  for (const auto& [code, n] : node_events) nodes.push_back({{"id", code}, {"label", code}, {"n_events", n}});
  return json{{"nodes", std::move(nodes)}, {"edges", std::move(*rows)}};
}

}  // namespace cronaca
