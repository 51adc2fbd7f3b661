#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>

namespace cronaca {

namespace {

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return stmt_; }
  Statement& Bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, const char* s) { return Bind(i, std::string_view(s)); }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Statement& BindBlob(int i, const void* data, size_t bytes) {
    sqlite3_bind_blob(stmt_, i, data, static_cast<int>(bytes), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& BindNull(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int col) {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  // A blob column of uint32 values (native byte order, as written by BindBlob).
  std::vector<uint32_t> Words(int col) {
    const void* data = sqlite3_column_blob(stmt_, col);
    size_t n = static_cast<size_t>(sqlite3_column_bytes(stmt_, col)) / sizeof(uint32_t);
    std::vector<uint32_t> out(n);
    if (n) std::memcpy(out.data(), data, n * sizeof(uint32_t));
    return out;
  }
  double Real(int col) { return sqlite3_column_double(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS documents(
  key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  origin TEXT, title TEXT, source TEXT, url TEXT, date TEXT,
  lang TEXT, lang_confidence REAL,
  original TEXT NOT NULL,
  body_begin INTEGER NOT NULL, body_end INTEGER NOT NULL,
  pipeline TEXT, analyzed_at TEXT,
  n_sentences INTEGER, n_tokens INTEGER,
  quality REAL, machine_translation INTEGER);
CREATE TABLE IF NOT EXISTS document_ids(
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE);
CREATE INDEX IF NOT EXISTS document_ids_key ON document_ids(key);
CREATE TABLE IF NOT EXISTS paragraphs(
  key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx INTEGER NOT NULL, begin INTEGER, end INTEGER, lang TEXT, confidence REAL,
  PRIMARY KEY(key, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sentences(
  key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx INTEGER NOT NULL, begin INTEGER, end INTEGER, paragraph INTEGER,
  token_begin INTEGER, token_end INTEGER,
  PRIMARY KEY(key, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quality_flags(
  key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx INTEGER NOT NULL, begin INTEGER, end INTEGER,
  kind TEXT, category TEXT, explanation TEXT, rule TEXT,
  PRIMARY KEY(key, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS failures(
  origin TEXT PRIMARY KEY, code TEXT, message TEXT, at TEXT);
CREATE TABLE IF NOT EXISTS mentions(
  key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx INTEGER NOT NULL, begin INTEGER, end INTEGER, sentence INTEGER, type INTEGER,
  resolution INTEGER, entity TEXT, name TEXT, code TEXT, rule TEXT, correction TEXT,
  antecedent INTEGER, confidence REAL, role TEXT,
  PRIMARY KEY(key, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE TABLE IF NOT EXISTS places(
  key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx INTEGER NOT NULL, begin INTEGER, end INTEGER, sentence INTEGER, place TEXT, name TEXT,
  country TEXT, kind TEXT, latitude REAL, longitude REAL, population INTEGER, rule TEXT,
  correction TEXT,
  PRIMARY KEY(key, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS times(
  key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx INTEGER NOT NULL, begin INTEGER, end INTEGER, sentence INTEGER, type INTEGER,
  value TEXT, candidates TEXT, relative INTEGER, rule TEXT,
  PRIMARY KEY(key, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quotes(
  key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx INTEGER NOT NULL, begin INTEGER, end INTEGER, content_begin INTEGER, content_end INTEGER,
  sentence INTEGER, kind INTEGER, indirect INTEGER, speaker_mention INTEGER, speaker TEXT,
  speaker_code TEXT, speaker_entity TEXT, relay_mention INTEGER, relay TEXT, relay_code TEXT,
  rule TEXT, confidence REAL,
  PRIMARY KEY(key, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_entity);
CREATE TABLE IF NOT EXISTS events(
  key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx INTEGER NOT NULL, trigger_begin INTEGER, trigger_end INTEGER, sentence INTEGER,
  source_mention INTEGER, target_mention INTEGER, source TEXT, target TEXT, code TEXT,
  plover TEXT, plover_mode TEXT, goldstein REAL, quad_class INTEGER, date TEXT, time INTEGER,
  place TEXT, modality INTEGER, quotation INTEGER, rule TEXT, confidence REAL,
  PRIMARY KEY(key, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_code ON events(code);
CREATE INDEX IF NOT EXISTS events_source ON events(source);
)sql";

// Version 2 (issue 7): stories and the story of each document.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE IF NOT EXISTS stories(
  id TEXT PRIMARY KEY,
  first_date TEXT, last_date TEXT, label TEXT, n_documents INTEGER,
  terms TEXT, actors TEXT);
CREATE INDEX IF NOT EXISTS stories_last_date ON stories(last_date);
CREATE TABLE IF NOT EXISTS document_stories(
  key TEXT PRIMARY KEY REFERENCES documents(key) ON DELETE CASCADE,
  story TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS document_stories_story ON document_stories(story);
)sql";

// Version 3 (issue 7): copies (link/copies.h). Fingerprint hashes are blobs
// of uint32 in native byte order; text_hash is 16 hex digits.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE IF NOT EXISTS copy_fingerprints(
  key TEXT PRIMARY KEY REFERENCES documents(key) ON DELETE CASCADE,
  text_hash TEXT, n_shingles INTEGER, minhash BLOB, sentences BLOB);
CREATE TABLE IF NOT EXISTS copies(
  key TEXT PRIMARY KEY REFERENCES documents(key) ON DELETE CASCADE,
  origin TEXT NOT NULL, kind TEXT NOT NULL, similarity REAL, rule TEXT);
CREATE INDEX IF NOT EXISTS copies_origin ON copies(origin);
)sql";

// --- indexes of the read API (store/query.h, `cronaca serve`) ---------------
// Not part of a schema version: created on every open if missing (cheap when
// present), so a database of any version gets them. They serve the event
// filters by target code and the lists ordered by date (docs/API.md).
constexpr const char* kQueryIndexes = R"sql(
CREATE INDEX IF NOT EXISTS events_target ON events(target);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
)sql";
// --- end of the read API's indexes -------------------------------------------

std::string Now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status(StatusCode::kStoreError, path + ": cannot open database (" + why + ")");
  }
  sqlite3_busy_timeout(db, 5000);
  std::unique_ptr<Store> store(new Store(db));
  Status s = store->Exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
  if (!s.ok()) return s.WithContext(path);
  s = store->Migrate();
  if (!s.ok()) return s.WithContext(path);
  s = store->Exec(kQueryIndexes);  // the read API's indexes (see kQueryIndexes)
  if (!s.ok()) return s.WithContext(path);
  return store;
}

Store::~Store() { sqlite3_close(db_); }

Status Store::Error(const std::string& what) const {
  return Status(StatusCode::kStoreError, what + ": " + sqlite3_errmsg(db_));
}

Status Store::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status(StatusCode::kStoreError, msg);
  }
  return Status::Ok();
}

Status Store::Migrate() {
  Statement version(db_, "PRAGMA user_version");
  if (!version.ok() || version.Step() != SQLITE_ROW) return Error("reading schema version");
  int64_t v = version.Int(0);
  if (v > kSchemaVersion) {
    return Status(StatusCode::kStoreError, "the database has schema version " + std::to_string(v) +
                                               ", newer than this cronaca (" +
                                               std::to_string(kSchemaVersion) + ")");
  }
  // Each step is one transaction: a failed step leaves the previous version.
  struct Step {
    int version;
    const char* sql;
  };
  for (const Step& step : {Step{1, kSchemaV1}, Step{2, kSchemaV2}, Step{3, kSchemaV3}}) {
    if (v >= step.version) continue;
    CRONACA_RETURN_IF_ERROR(Exec("BEGIN"));
    Status s = Exec(step.sql);
    if (s.ok()) s = Exec(("PRAGMA user_version = " + std::to_string(step.version)).c_str());
    if (!s.ok()) {
      Exec("ROLLBACK");
      return s.WithContext("migrating the schema to version " + std::to_string(step.version));
    }
    CRONACA_RETURN_IF_ERROR(Exec("COMMIT"));
    v = step.version;
  }
  return Status::Ok();
}

Status Store::Begin() { return Exec("BEGIN IMMEDIATE"); }
Status Store::Commit() { return Exec("COMMIT"); }
Status Store::Rollback() { return Exec("ROLLBACK"); }

Status Store::Put(const Document& doc, const std::string& pipeline) {
  const std::string& key = doc.key();
  // An id that named another text: re-point it and drop the orphan.
  {
    Statement old(db_, "SELECT key FROM document_ids WHERE id = ?");
    old.Bind(1, doc.id());
    if (old.Step() == SQLITE_ROW) {
      std::string old_key = old.Text(0);
      if (old_key != key) {
        Statement del_id(db_, "DELETE FROM document_ids WHERE id = ?");
        del_id.Bind(1, doc.id());
        if (del_id.Step() != SQLITE_DONE) return Error("re-pointing id " + doc.id());
        Statement orphan(db_,
                         "DELETE FROM documents WHERE key = ? AND NOT EXISTS "
                         "(SELECT 1 FROM document_ids WHERE key = ?)");
        orphan.Bind(1, old_key).Bind(2, old_key);
        if (orphan.Step() != SQLITE_DONE) return Error("dropping replaced text of " + doc.id());
      }
    }
  }
  // Keep the first id that named this text as its display id.
  std::string display_id = doc.id();
  {
    Statement existing(db_, "SELECT id FROM documents WHERE key = ?");
    existing.Bind(1, key);
    if (existing.Step() == SQLITE_ROW) display_id = existing.Text(0);
  }
  for (const char* sql : {"DELETE FROM paragraphs WHERE key = ?", "DELETE FROM sentences WHERE key = ?",
                          "DELETE FROM quality_flags WHERE key = ?", "DELETE FROM mentions WHERE key = ?",
                          "DELETE FROM places WHERE key = ?", "DELETE FROM times WHERE key = ?",
                          "DELETE FROM quotes WHERE key = ?", "DELETE FROM events WHERE key = ?"}) {
    Statement del(db_, sql);
    del.Bind(1, key);
    if (del.Step() != SQLITE_DONE) return Error("clearing old results of " + doc.id());
  }
  const Metadata& meta = doc.metadata();
  Statement put(db_,
                "INSERT INTO documents(key, id, origin, title, source, url, date, lang, lang_confidence, "
                "original, body_begin, body_end, pipeline, analyzed_at, n_sentences, n_tokens, quality, "
                "machine_translation) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(key) DO UPDATE SET origin=excluded.origin, title=excluded.title, "
                "source=excluded.source, url=excluded.url, date=excluded.date, lang=excluded.lang, "
                "lang_confidence=excluded.lang_confidence, body_begin=excluded.body_begin, "
                "body_end=excluded.body_end, original=excluded.original, pipeline=excluded.pipeline, "
                "analyzed_at=excluded.analyzed_at, n_sentences=excluded.n_sentences, "
                "n_tokens=excluded.n_tokens, quality=excluded.quality, "
                "machine_translation=excluded.machine_translation");
  put.Bind(1, key).Bind(2, display_id).Bind(3, doc.origin()).Bind(4, meta.title).Bind(5, meta.source);
  put.Bind(6, meta.url);
  if (meta.has_date) put.Bind(7, meta.date.ToString()); else put.BindNull(7);
  put.Bind(8, doc.lang()).Bind(9, static_cast<double>(doc.lang_confidence()));
  put.Bind(10, doc.original()).Bind(11, static_cast<int64_t>(doc.body().begin));
  put.Bind(12, static_cast<int64_t>(doc.body().end)).Bind(13, pipeline).Bind(14, Now());
  put.Bind(15, static_cast<int64_t>(doc.sentences().size()));
  put.Bind(16, static_cast<int64_t>(doc.tokens().size()));
  put.Bind(17, static_cast<double>(doc.extractions().quality));
  put.Bind(18, static_cast<int64_t>(doc.extractions().machine_translation));
  if (put.Step() != SQLITE_DONE) return Error("storing " + doc.id());

  Statement id(db_, "INSERT INTO document_ids(id, key) VALUES(?, ?) ON CONFLICT(id) DO UPDATE SET key=excluded.key");
  id.Bind(1, doc.id()).Bind(2, key);
  if (id.Step() != SQLITE_DONE) return Error("storing id of " + doc.id());

  Statement para(db_, "INSERT INTO paragraphs VALUES(?,?,?,?,?,?)");
  for (size_t i = 0; i < doc.paragraphs().size(); ++i) {
    const Paragraph& p = doc.paragraphs()[i];
    para.Bind(1, key).Bind(2, static_cast<int64_t>(i)).Bind(3, static_cast<int64_t>(p.span.begin));
    para.Bind(4, static_cast<int64_t>(p.span.end)).Bind(5, p.lang).Bind(6, static_cast<double>(p.lang_confidence));
    if (para.Step() != SQLITE_DONE) return Error("storing paragraphs of " + doc.id());
    para.Reset();
  }
  Statement sent(db_, "INSERT INTO sentences VALUES(?,?,?,?,?,?,?)");
  for (size_t i = 0; i < doc.sentences().size(); ++i) {
    const Sentence& s = doc.sentences()[i];
    sent.Bind(1, key).Bind(2, static_cast<int64_t>(i)).Bind(3, static_cast<int64_t>(s.span.begin));
    sent.Bind(4, static_cast<int64_t>(s.span.end)).Bind(5, static_cast<int64_t>(s.paragraph));
    sent.Bind(6, static_cast<int64_t>(s.token_begin)).Bind(7, static_cast<int64_t>(s.token_end));
    if (sent.Step() != SQLITE_DONE) return Error("storing sentences of " + doc.id());
    sent.Reset();
  }
  Statement flag(db_, "INSERT INTO quality_flags VALUES(?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < doc.quality_flags().size(); ++i) {
    const QualityFlag& f = doc.quality_flags()[i];
    flag.Bind(1, key).Bind(2, static_cast<int64_t>(i)).Bind(3, static_cast<int64_t>(f.span.begin));
    flag.Bind(4, static_cast<int64_t>(f.span.end)).Bind(5, f.kind).Bind(6, f.category);
    flag.Bind(7, f.explanation).Bind(8, f.rule);
    if (flag.Step() != SQLITE_DONE) return Error("storing quality flags of " + doc.id());
    flag.Reset();
  }
  CRONACA_RETURN_IF_ERROR(PutExtractions(doc));
  // A document that now succeeds is no longer a failure.
  Statement ok(db_, "DELETE FROM failures WHERE origin = ?");
  ok.Bind(1, doc.origin());
  ok.Step();
  return Status::Ok();
}

namespace {

int64_t Index(uint32_t i) { return i == kNoIndex ? -1 : static_cast<int64_t>(i); }
uint32_t FromIndex(int64_t i) { return i < 0 ? kNoIndex : static_cast<uint32_t>(i); }

std::string JoinCandidates(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += ' ';
    out += v;
  }
  return out;
}

std::vector<std::string> SplitCandidates(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t space = text.find(' ', pos);
    if (space == std::string::npos) space = text.size();
    if (space > pos) out.push_back(text.substr(pos, space - pos));
    pos = space + 1;
  }
  return out;
}

}  // namespace

Status Store::PutExtractions(const Document& doc) {
  const std::string& key = doc.key();
  const Extractions& ex = doc.extractions();
  Statement m(db_, "INSERT INTO mentions VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < ex.mentions.size(); ++i) {
    const Mention& x = ex.mentions[i];
    m.Bind(1, key).Bind(2, static_cast<int64_t>(i)).Bind(3, static_cast<int64_t>(x.span.begin));
    m.Bind(4, static_cast<int64_t>(x.span.end)).Bind(5, static_cast<int64_t>(x.sentence));
    m.Bind(6, static_cast<int64_t>(x.type)).Bind(7, static_cast<int64_t>(x.resolution)).Bind(8, x.entity);
    m.Bind(9, x.name).Bind(10, x.code).Bind(11, x.rule).Bind(12, x.correction).Bind(13, Index(x.antecedent));
    m.Bind(14, static_cast<double>(x.confidence)).Bind(15, x.role);
    if (m.Step() != SQLITE_DONE) return Error("storing mentions of " + doc.id());
    m.Reset();
  }
  Statement p(db_, "INSERT INTO places VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < ex.places.size(); ++i) {
    const PlaceMention& x = ex.places[i];
    p.Bind(1, key).Bind(2, static_cast<int64_t>(i)).Bind(3, static_cast<int64_t>(x.span.begin));
    p.Bind(4, static_cast<int64_t>(x.span.end)).Bind(5, static_cast<int64_t>(x.sentence)).Bind(6, x.place);
    p.Bind(7, x.name).Bind(8, x.country).Bind(9, x.kind).Bind(10, x.latitude).Bind(11, x.longitude);
    p.Bind(12, x.population).Bind(13, x.rule).Bind(14, x.correction);
    if (p.Step() != SQLITE_DONE) return Error("storing places of " + doc.id());
    p.Reset();
  }
  Statement t(db_, "INSERT INTO times VALUES(?,?,?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < ex.times.size(); ++i) {
    const TimeExpression& x = ex.times[i];
    t.Bind(1, key).Bind(2, static_cast<int64_t>(i)).Bind(3, static_cast<int64_t>(x.span.begin));
    t.Bind(4, static_cast<int64_t>(x.span.end)).Bind(5, static_cast<int64_t>(x.sentence));
    t.Bind(6, static_cast<int64_t>(x.type)).Bind(7, x.value).Bind(8, JoinCandidates(x.candidates));
    t.Bind(9, static_cast<int64_t>(x.relative)).Bind(10, x.rule);
    if (t.Step() != SQLITE_DONE) return Error("storing times of " + doc.id());
    t.Reset();
  }
  Statement q(db_, "INSERT INTO quotes VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < ex.quotes.size(); ++i) {
    const Quotation& x = ex.quotes[i];
    q.Bind(1, key).Bind(2, static_cast<int64_t>(i)).Bind(3, static_cast<int64_t>(x.span.begin));
    q.Bind(4, static_cast<int64_t>(x.span.end)).Bind(5, static_cast<int64_t>(x.content.begin));
    q.Bind(6, static_cast<int64_t>(x.content.end)).Bind(7, static_cast<int64_t>(x.sentence));
    q.Bind(8, static_cast<int64_t>(x.kind)).Bind(9, static_cast<int64_t>(x.indirect));
    q.Bind(10, Index(x.speaker_mention)).Bind(11, x.speaker).Bind(12, x.speaker_code).Bind(13, x.speaker_entity);
    q.Bind(14, Index(x.relay_mention)).Bind(15, x.relay).Bind(16, x.relay_code).Bind(17, x.rule);
    q.Bind(18, static_cast<double>(x.confidence));
    if (q.Step() != SQLITE_DONE) return Error("storing quotations of " + doc.id());
    q.Reset();
  }
  Statement e(db_, "INSERT INTO events VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (size_t i = 0; i < ex.events.size(); ++i) {
    const Event& x = ex.events[i];
    e.Bind(1, key).Bind(2, static_cast<int64_t>(i)).Bind(3, static_cast<int64_t>(x.trigger.begin));
    e.Bind(4, static_cast<int64_t>(x.trigger.end)).Bind(5, static_cast<int64_t>(x.sentence));
    e.Bind(6, Index(x.source_mention)).Bind(7, Index(x.target_mention)).Bind(8, x.source).Bind(9, x.target);
    e.Bind(10, x.code).Bind(11, x.plover).Bind(12, x.plover_mode).Bind(13, x.goldstein);
    e.Bind(14, static_cast<int64_t>(x.quad_class)).Bind(15, x.date).Bind(16, Index(x.time)).Bind(17, x.place);
    e.Bind(18, static_cast<int64_t>(x.modality)).Bind(19, Index(x.quotation)).Bind(20, x.rule);
    e.Bind(21, static_cast<double>(x.confidence));
    if (e.Step() != SQLITE_DONE) return Error("storing events of " + doc.id());
    e.Reset();
  }
  return Status::Ok();
}

void Store::LoadExtractions(const std::string& key, Document* doc) {
  Extractions& ex = doc->extractions();
  auto span = [](Statement& st, int col) {
    return Span{static_cast<Offset>(st.Int(col)), static_cast<Offset>(st.Int(col + 1))};
  };
  Statement m(db_, "SELECT begin, end, sentence, type, resolution, entity, name, code, rule, correction, "
                   "antecedent, confidence, role FROM mentions WHERE key = ? ORDER BY idx");
  m.Bind(1, key);
  while (m.Step() == SQLITE_ROW) {
    Mention x;
    x.span = span(m, 0);
    x.sentence = static_cast<uint32_t>(m.Int(2));
    x.type = static_cast<MentionType>(m.Int(3));
    x.resolution = static_cast<Resolution>(m.Int(4));
    x.entity = m.Text(5);
    x.name = m.Text(6);
    x.code = m.Text(7);
    x.rule = m.Text(8);
    x.correction = m.Text(9);
    x.antecedent = FromIndex(m.Int(10));
    x.confidence = static_cast<float>(m.Real(11));
    x.role = m.Text(12);
    ex.mentions.push_back(std::move(x));
  }
  Statement p(db_, "SELECT begin, end, sentence, place, name, country, kind, latitude, longitude, population, "
                   "rule, correction FROM places WHERE key = ? ORDER BY idx");
  p.Bind(1, key);
  while (p.Step() == SQLITE_ROW) {
    PlaceMention x;
    x.span = span(p, 0);
    x.sentence = static_cast<uint32_t>(p.Int(2));
    x.place = p.Text(3);
    x.name = p.Text(4);
    x.country = p.Text(5);
    x.kind = p.Text(6);
    x.latitude = p.Real(7);
    x.longitude = p.Real(8);
    x.population = p.Int(9);
    x.rule = p.Text(10);
    x.correction = p.Text(11);
    ex.places.push_back(std::move(x));
  }
  Statement t(db_, "SELECT begin, end, sentence, type, value, candidates, relative, rule FROM times "
                   "WHERE key = ? ORDER BY idx");
  t.Bind(1, key);
  while (t.Step() == SQLITE_ROW) {
    TimeExpression x;
    x.span = span(t, 0);
    x.sentence = static_cast<uint32_t>(t.Int(2));
    x.type = static_cast<TimeType>(t.Int(3));
    x.value = t.Text(4);
    x.candidates = SplitCandidates(t.Text(5));
    x.relative = t.Int(6) != 0;
    x.rule = t.Text(7);
    ex.times.push_back(std::move(x));
  }
  Statement q(db_, "SELECT begin, end, content_begin, content_end, sentence, kind, indirect, speaker_mention, "
                   "speaker, speaker_code, speaker_entity, relay_mention, relay, relay_code, rule, confidence "
                   "FROM quotes WHERE key = ? ORDER BY idx");
  q.Bind(1, key);
  while (q.Step() == SQLITE_ROW) {
    Quotation x;
    x.span = span(q, 0);
    x.content = span(q, 2);
    x.sentence = static_cast<uint32_t>(q.Int(4));
    x.kind = static_cast<QuoteKind>(q.Int(5));
    x.indirect = q.Int(6) != 0;
    x.speaker_mention = FromIndex(q.Int(7));
    x.speaker = q.Text(8);
    x.speaker_code = q.Text(9);
    x.speaker_entity = q.Text(10);
    x.relay_mention = FromIndex(q.Int(11));
    x.relay = q.Text(12);
    x.relay_code = q.Text(13);
    x.rule = q.Text(14);
    x.confidence = static_cast<float>(q.Real(15));
    ex.quotes.push_back(std::move(x));
  }
  Statement e(db_, "SELECT trigger_begin, trigger_end, sentence, source_mention, target_mention, source, target, "
                   "code, plover, plover_mode, goldstein, quad_class, date, time, place, modality, quotation, rule, "
                   "confidence FROM events WHERE key = ? ORDER BY idx");
  e.Bind(1, key);
  while (e.Step() == SQLITE_ROW) {
    Event x;
    x.trigger = span(e, 0);
    x.sentence = static_cast<uint32_t>(e.Int(2));
    x.source_mention = FromIndex(e.Int(3));
    x.target_mention = FromIndex(e.Int(4));
    x.source = e.Text(5);
    x.target = e.Text(6);
    x.code = e.Text(7);
    x.plover = e.Text(8);
    x.plover_mode = e.Text(9);
    x.goldstein = e.Real(10);
    x.quad_class = static_cast<int>(e.Int(11));
    x.date = e.Text(12);
    x.time = FromIndex(e.Int(13));
    x.place = e.Text(14);
    x.modality = static_cast<uint8_t>(e.Int(15));
    x.quotation = FromIndex(e.Int(16));
    x.rule = e.Text(17);
    x.confidence = static_cast<float>(e.Real(18));
    ex.events.push_back(std::move(x));
  }
}

Status Store::RecordFailure(const Status& failure) {
  std::string message = failure.message();
  std::string origin = message.substr(0, message.find(": "));
  Statement put(db_,
                "INSERT INTO failures(origin, code, message, at) VALUES(?,?,?,?) "
                "ON CONFLICT(origin) DO UPDATE SET code=excluded.code, message=excluded.message, at=excluded.at");
  put.Bind(1, origin).Bind(2, StatusCodeName(failure.code())).Bind(3, message).Bind(4, Now());
  if (put.Step() != SQLITE_DONE) return Error("recording failure");
  return Status::Ok();
}

Result<std::string> Store::ResolveKey(const std::string& id_or_key) {
  {
    Statement by_id(db_, "SELECT key FROM document_ids WHERE id = ?");
    by_id.Bind(1, id_or_key);
    if (by_id.Step() == SQLITE_ROW) return by_id.Text(0);
  }
  // "file.txt" names the document "file".
  if (id_or_key.size() > 4 && id_or_key.compare(id_or_key.size() - 4, 4, ".txt") == 0) {
    Statement by_id(db_, "SELECT key FROM document_ids WHERE id = ?");
    by_id.Bind(1, id_or_key.substr(0, id_or_key.size() - 4));
    if (by_id.Step() == SQLITE_ROW) return by_id.Text(0);
  }
  constexpr size_t kMinPrefix = 8;
  if (id_or_key.size() >= kMinPrefix && id_or_key.find_first_not_of("0123456789abcdef") == std::string::npos) {
    Statement by_key(db_, "SELECT key FROM documents WHERE key >= ? AND key < ? LIMIT 2");
    by_key.Bind(1, id_or_key).Bind(2, id_or_key + "g");
    std::vector<std::string> keys;
    while (by_key.Step() == SQLITE_ROW) keys.push_back(by_key.Text(0));
    if (keys.size() == 1) return keys[0];
    if (keys.size() > 1) {
      return Status(StatusCode::kInvalidArgument, "'" + id_or_key + "' matches several documents");
    }
  }
  return std::string();
}

Result<std::optional<Document>> Store::Load(const std::string& id_or_key) {
  Result<std::string> key = ResolveKey(id_or_key);
  if (!key.ok()) return key.status();
  if (key->empty()) return std::optional<Document>();
  Statement q(db_,
              "SELECT id, origin, title, source, url, date, lang, lang_confidence, original, body_begin, "
              "body_end, quality, machine_translation FROM documents WHERE key = ?");
  q.Bind(1, *key);
  if (q.Step() != SQLITE_ROW) return std::optional<Document>();
  Document doc(q.Text(0), q.Text(8));
  doc.set_key(*key);
  doc.set_origin(q.Text(1));
  Metadata& meta = doc.metadata();
  meta.title = q.Text(2);
  meta.source = q.Text(3);
  meta.url = q.Text(4);
  if (auto date = PartialDate::Parse(q.Text(5))) {
    meta.has_date = true;
    meta.date = *date;
  }
  doc.set_lang(q.Text(6), static_cast<float>(q.Real(7)));
  doc.set_body(Span{static_cast<Offset>(q.Int(9)), static_cast<Offset>(q.Int(10))});
  doc.extractions().quality = static_cast<float>(q.Real(11));
  doc.extractions().machine_translation = q.Int(12) != 0;
  doc.AddLayers(kLayerOriginal | kLayerLanguage | kLayerParagraphs | kLayerSentences | kLayerQualityFlags |
                kLayerMentions | kLayerTimes | kLayerQuotes | kLayerEvents);
  LoadExtractions(*key, &doc);
  if (auto story = StoryOf(*key); story.ok()) doc.extractions().story = *story;

  Statement p(db_, "SELECT begin, end, lang, confidence FROM paragraphs WHERE key = ? ORDER BY idx");
  p.Bind(1, *key);
  while (p.Step() == SQLITE_ROW) {
    Paragraph para;
    para.span = Span{static_cast<Offset>(p.Int(0)), static_cast<Offset>(p.Int(1))};
    para.lang = p.Text(2);
    para.lang_confidence = static_cast<float>(p.Real(3));
    doc.paragraphs().push_back(std::move(para));
  }
  Statement s(db_, "SELECT begin, end, paragraph, token_begin, token_end FROM sentences WHERE key = ? ORDER BY idx");
  s.Bind(1, *key);
  while (s.Step() == SQLITE_ROW) {
    Sentence sent;
    sent.span = Span{static_cast<Offset>(s.Int(0)), static_cast<Offset>(s.Int(1))};
    sent.paragraph = static_cast<uint32_t>(s.Int(2));
    sent.token_begin = static_cast<uint32_t>(s.Int(3));
    sent.token_end = static_cast<uint32_t>(s.Int(4));
    doc.sentences().push_back(sent);
  }
  Statement f(db_,
              "SELECT begin, end, kind, category, explanation, rule FROM quality_flags WHERE key = ? ORDER BY idx");
  f.Bind(1, *key);
  while (f.Step() == SQLITE_ROW) {
    QualityFlag flag;
    flag.span = Span{static_cast<Offset>(f.Int(0)), static_cast<Offset>(f.Int(1))};
    flag.kind = f.Text(2);
    flag.category = f.Text(3);
    flag.explanation = f.Text(4);
    flag.rule = f.Text(5);
    doc.quality_flags().push_back(std::move(flag));
  }
  return std::optional<Document>(std::move(doc));
}

Result<std::vector<std::string>> Store::IdsOf(const std::string& key) {
  Statement q(db_, "SELECT id FROM document_ids WHERE key = ? ORDER BY id");
  q.Bind(1, key);
  std::vector<std::string> ids;
  while (q.Step() == SQLITE_ROW) ids.push_back(q.Text(0));
  return ids;
}

namespace {

// "term\tcount\n" lines (terms never hold tabs or newlines).
std::string JoinCounts(const std::map<std::string, uint32_t>& counts) {
  std::string out;
  for (const auto& [term, count] : counts) out += term + '\t' + std::to_string(count) + '\n';
  return out;
}

std::string JoinNames(const std::map<std::string, std::string>& names) {
  std::string out;
  for (const auto& [term, name] : names) out += term + '\t' + name + '\n';
  return out;
}

// Parses "a\tb\n" lines into (a, b) pairs; malformed lines are skipped.
std::vector<std::pair<std::string, std::string>> SplitPairs(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    size_t tab = text.find('\t', pos);
    if (tab != std::string::npos && tab < end) out.emplace_back(text.substr(pos, tab - pos), text.substr(tab + 1, end - tab - 1));
    pos = end + 1;
  }
  return out;
}

}  // namespace

Status Store::PutStory(const StoryRecord& story) {
  Statement put(db_,
                "INSERT INTO stories(id, first_date, last_date, label, n_documents, terms, actors) "
                "VALUES(?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET first_date=excluded.first_date, "
                "last_date=excluded.last_date, label=excluded.label, n_documents=excluded.n_documents, "
                "terms=excluded.terms, actors=excluded.actors");
  put.Bind(1, story.id);
  if (story.first_date.empty()) put.BindNull(2); else put.Bind(2, story.first_date);
  if (story.last_date.empty()) put.BindNull(3); else put.Bind(3, story.last_date);
  put.Bind(4, story.label).Bind(5, static_cast<int64_t>(story.n_documents));
  put.Bind(6, JoinCounts(story.terms)).Bind(7, JoinNames(story.actor_names));
  if (put.Step() != SQLITE_DONE) return Error("storing story " + story.id);
  Statement file(db_,
                 "INSERT INTO document_stories(key, story) SELECT ?1, ?2 WHERE EXISTS "
                 "(SELECT 1 FROM documents WHERE key = ?1) ON CONFLICT(key) DO UPDATE SET story=excluded.story");
  for (const std::string& key : story.keys) {
    file.Bind(1, key).Bind(2, story.id);
    if (file.Step() != SQLITE_DONE) return Error("filing a document under story " + story.id);
    file.Reset();
  }
  return Status::Ok();
}

Result<std::string> Store::StoryOf(const std::string& key) {
  Statement q(db_, "SELECT story FROM document_stories WHERE key = ?");
  q.Bind(1, key);
  int rc = q.Step();
  if (rc == SQLITE_ROW) return q.Text(0);
  if (rc != SQLITE_DONE) return Error("reading the story of " + key);
  return std::string();
}

Result<std::vector<StoryRecord>> Store::StoriesBetween(const std::string& since, const std::string& until) {
  Statement q(db_,
              "SELECT id, first_date, last_date, label, n_documents, terms, actors FROM stories "
              "WHERE last_date IS NULL OR ((?1 = '' OR last_date >= ?1) AND (?2 = '' OR first_date <= ?2)) "
              "ORDER BY id");
  q.Bind(1, since).Bind(2, until);
  Statement keys(db_, "SELECT key FROM document_stories WHERE story = ? ORDER BY key");
  std::vector<StoryRecord> out;
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    StoryRecord story;
    story.id = q.Text(0);
    story.first_date = q.Text(1);
    story.last_date = q.Text(2);
    story.label = q.Text(3);
    story.n_documents = static_cast<size_t>(q.Int(4));
    for (auto& [term, count] : SplitPairs(q.Text(5))) {
      story.terms[term] = static_cast<uint32_t>(std::strtoul(count.c_str(), nullptr, 10));
    }
    for (auto& [term, name] : SplitPairs(q.Text(6))) story.actor_names[term] = name;
    keys.Bind(1, story.id);
    while (keys.Step() == SQLITE_ROW) story.keys.push_back(keys.Text(0));
    keys.Reset();
    out.push_back(std::move(story));
  }
  if (rc != SQLITE_DONE) return Error("reading stories");
  return out;
}

Result<std::vector<StoryRow>> Store::ListStories() {
  Statement q(db_,
              "SELECT s.id, s.first_date, s.last_date, s.label, COUNT(ds.key), "
              "COUNT(DISTINCT NULLIF(d.source, '')), COUNT(ds.key) - COUNT(c.key) FROM stories s "
              "LEFT JOIN document_stories ds ON ds.story = s.id LEFT JOIN documents d ON d.key = ds.key "
              "LEFT JOIN copies c ON c.key = ds.key GROUP BY s.id ORDER BY s.first_date IS NULL, s.first_date, s.id");
  std::vector<StoryRow> out;
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    StoryRow row;
    row.id = q.Text(0);
    row.first_date = q.Text(1);
    row.last_date = q.Text(2);
    row.label = q.Text(3);
    row.n_documents = static_cast<size_t>(q.Int(4));
    row.n_sources = static_cast<size_t>(q.Int(5));
    row.n_independent = static_cast<size_t>(q.Int(6));
    out.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return Error("listing stories");
  return out;
}

Result<std::vector<std::string>> Store::StoryDocuments(const std::string& story_id) {
  Statement q(db_,
              "SELECT ds.key FROM document_stories ds JOIN documents d ON d.key = ds.key "
              "WHERE ds.story = ? ORDER BY d.date IS NULL, d.date, d.id");
  q.Bind(1, story_id);
  std::vector<std::string> out;
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) out.push_back(q.Text(0));
  if (rc != SQLITE_DONE) return Error("listing the documents of story " + story_id);
  return out;
}

// --- copies (link/copies.h), schema v3 ---------------------------------------

namespace {

std::string Hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

CopyRecord ReadCopy(Statement& q) {
  CopyRecord record;
  record.key = q.Text(0);
  record.origin = q.Text(1);
  record.kind = ParseCopyKind(q.Text(2)).value_or(CopyKind::kNear);
  record.similarity = q.Real(3);
  record.rule = q.Text(4);
  record.origin_date = q.Text(5);
  return record;
}

constexpr const char* kCopyColumns =
    "SELECT c.key, c.origin, c.kind, c.similarity, c.rule, o.date FROM copies c "
    "LEFT JOIN documents o ON o.key = c.origin ";

}  // namespace

Status Store::PutCopyFingerprint(const CopyFingerprint& print) {
  Statement put(db_,
                "INSERT INTO copy_fingerprints(key, text_hash, n_shingles, minhash, sentences) "
                "SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM documents WHERE key = ?1) "
                "ON CONFLICT(key) DO UPDATE SET text_hash=excluded.text_hash, n_shingles=excluded.n_shingles, "
                "minhash=excluded.minhash, sentences=excluded.sentences");
  put.Bind(1, print.key).Bind(2, Hex64(print.text_hash)).Bind(3, static_cast<int64_t>(print.n_shingles));
  put.BindBlob(4, print.minhash.data(), print.minhash.size() * sizeof(uint32_t));
  put.BindBlob(5, print.sentences.data(), print.sentences.size() * sizeof(uint32_t));
  if (put.Step() != SQLITE_DONE) return Error("storing the copy fingerprint of " + print.key);
  return Status::Ok();
}

Status Store::PutCopy(const CopyRecord& copy) {
  Statement repoint(db_, "UPDATE copies SET origin = ?2 WHERE origin = ?1");
  repoint.Bind(1, copy.key).Bind(2, copy.origin);
  if (repoint.Step() != SQLITE_DONE) return Error("re-pointing the copies of " + copy.key);
  Statement unmark(db_, "DELETE FROM copies WHERE key = ?");
  unmark.Bind(1, copy.origin);
  if (unmark.Step() != SQLITE_DONE) return Error("unmarking origin " + copy.origin);
  Statement put(db_,
                "INSERT INTO copies(key, origin, kind, similarity, rule) SELECT ?1, ?2, ?3, ?4, ?5 "
                "WHERE EXISTS (SELECT 1 FROM documents WHERE key = ?1) "
                "ON CONFLICT(key) DO UPDATE SET origin=excluded.origin, kind=excluded.kind, "
                "similarity=excluded.similarity, rule=excluded.rule");
  put.Bind(1, copy.key).Bind(2, copy.origin).Bind(3, CopyKindName(copy.kind)).Bind(4, copy.similarity);
  put.Bind(5, copy.rule);
  if (put.Step() != SQLITE_DONE) return Error("storing copy " + copy.key);
  return Status::Ok();
}

Result<CopyWindowData> Store::CopyWindow(const std::string& since, const std::string& until) {
  CopyWindowData window;
  Statement q(db_,
              "SELECT f.key, f.text_hash, f.n_shingles, f.minhash, f.sentences, d.lang, d.date, "
              "d.machine_translation, ds.story FROM copy_fingerprints f JOIN documents d ON d.key = f.key "
              "LEFT JOIN document_stories ds ON ds.key = f.key "
              "WHERE d.date IS NULL OR ((?1 = '' OR d.date >= ?1) AND (?2 = '' OR d.date <= ?2)) ORDER BY f.key");
  q.Bind(1, since).Bind(2, until);
  int rc;
  std::vector<std::string> keys;
  while ((rc = q.Step()) == SQLITE_ROW) {
    CopyFingerprint print;
    print.key = q.Text(0);
    print.text_hash = std::strtoull(q.Text(1).c_str(), nullptr, 16);
    print.n_shingles = static_cast<uint32_t>(q.Int(2));
    print.minhash = q.Words(3);
    print.sentences = q.Words(4);
    print.lang = q.Text(5);
    print.date = q.Text(6);
    print.machine_translation = q.Int(7) != 0;
    print.story = q.Text(8);
    keys.push_back(print.key);
    window.fingerprints.push_back(std::move(print));
  }
  if (rc != SQLITE_DONE) return Error("reading copy fingerprints");
  auto copies = CopiesOf(keys);
  if (!copies.ok()) return copies.status();
  window.copies = std::move(*copies);
  return window;
}

Result<std::vector<CopyRecord>> Store::CopiesOf(const std::vector<std::string>& keys) {
  Statement q(db_, (std::string(kCopyColumns) + "WHERE c.key = ?").c_str());
  std::vector<std::string> sorted(keys);
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<CopyRecord> out;
  for (const std::string& key : sorted) {
    q.Bind(1, key);
    int rc = q.Step();
    if (rc == SQLITE_ROW) {
      out.push_back(ReadCopy(q));
    } else if (rc != SQLITE_DONE) {
      return Error("reading the copy record of " + key);
    }
    q.Reset();
  }
  return out;
}

Result<std::vector<CopyRecord>> Store::CopiesInStory(const std::string& story_id) {
  Statement q(db_, (std::string(kCopyColumns) +
                    "JOIN document_stories ds ON ds.key = c.key WHERE ds.story = ? ORDER BY c.key").c_str());
  q.Bind(1, story_id);
  std::vector<CopyRecord> out;
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) out.push_back(ReadCopy(q));
  if (rc != SQLITE_DONE) return Error("reading the copies of story " + story_id);
  return out;
}

// --- end of copies ---------------------------------------------------------------

Result<StoreSummary> Store::Summarize() {
  StoreSummary summary;
  auto count = [&](const char* sql, size_t* out) -> Status {
    Statement q(db_, sql);
    if (!q.ok() || q.Step() != SQLITE_ROW) return Error("summary");
    *out = static_cast<size_t>(q.Int(0));
    return Status::Ok();
  };
  CRONACA_RETURN_IF_ERROR(count("SELECT count(*) FROM documents", &summary.documents));
  CRONACA_RETURN_IF_ERROR(count("SELECT count(*) FROM document_ids", &summary.ids));
  CRONACA_RETURN_IF_ERROR(count("SELECT count(*) FROM sentences", &summary.sentences));
  CRONACA_RETURN_IF_ERROR(count("SELECT count(*) FROM quality_flags", &summary.quality_flags));
  CRONACA_RETURN_IF_ERROR(count("SELECT count(*) FROM failures", &summary.failures));
  CRONACA_RETURN_IF_ERROR(count("SELECT count(*) FROM mentions", &summary.mentions));
  CRONACA_RETURN_IF_ERROR(count("SELECT count(*) FROM times", &summary.times));
  CRONACA_RETURN_IF_ERROR(count("SELECT count(*) FROM quotes WHERE indirect = 0 AND kind != 3", &summary.quotes));
  CRONACA_RETURN_IF_ERROR(count("SELECT count(*) FROM events", &summary.events));
  Statement langs(db_, "SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY count(*) DESC, lang");
  while (langs.Step() == SQLITE_ROW) summary.languages.emplace_back(langs.Text(0), static_cast<size_t>(langs.Int(1)));
  return summary;
}

Result<std::vector<DocumentRow>> Store::ListDocuments() {
  Statement q(db_,
              "SELECT d.key, d.id, d.title, d.source, d.date, d.lang, d.n_sentences, d.n_tokens, "
              "(SELECT count(*) FROM quality_flags f WHERE f.key = d.key), "
              "(SELECT count(*) FROM mentions m WHERE m.key = d.key), "
              "(SELECT count(*) FROM times t WHERE t.key = d.key), "
              "(SELECT count(*) FROM quotes x WHERE x.key = d.key AND x.indirect = 0 AND x.kind != 3), "
              "(SELECT count(*) FROM events e WHERE e.key = d.key), d.machine_translation "
              "FROM documents d ORDER BY d.date, d.id");
  std::vector<DocumentRow> rows;
  while (q.Step() == SQLITE_ROW) {
    DocumentRow row;
    row.key = q.Text(0);
    row.id = q.Text(1);
    row.title = q.Text(2);
    row.source = q.Text(3);
    row.date = q.Text(4);
    row.lang = q.Text(5);
    row.n_sentences = static_cast<size_t>(q.Int(6));
    row.n_tokens = static_cast<size_t>(q.Int(7));
    row.n_flags = static_cast<size_t>(q.Int(8));
    row.n_mentions = static_cast<size_t>(q.Int(9));
    row.n_times = static_cast<size_t>(q.Int(10));
    row.n_quotes = static_cast<size_t>(q.Int(11));
    row.n_events = static_cast<size_t>(q.Int(12));
    row.machine_translation = q.Int(13) != 0;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace cronaca
