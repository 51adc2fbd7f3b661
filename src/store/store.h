// The store: analysed documents in SQLite.
//
//   Result<std::unique_ptr<Store>> store = Store::Open("cronaca.db");
//   (*store)->Begin();
//   (*store)->Put(doc, analyzer.pipeline().Signature());   // replaces, never duplicates
//   (*store)->Commit();                                     // one transaction per batch
//
// Identity. A document's key is the hash of its body text (ingest/reader.h),
// so the same text stored twice is one row. Each input id ("003_a5dd…",
// "it-a-001") points at one key (document_ids). Putting a document again
// replaces everything derived from it; an id that now names another text is
// re-pointed and the old text is dropped if no other id names it.
//
// Schema. Versioned with PRAGMA user_version; Open() creates or migrates,
// and refuses a database from a newer cronaca. WAL journal; foreign keys on.
//   documents(key PK, id, origin, title, source, url, date, lang, lang_confidence,
//             original, body_begin, body_end, pipeline, analyzed_at, n_sentences, n_tokens)
//   document_ids(id PK, key → documents)
//   paragraphs(key, idx, begin, end, lang, confidence)
//   sentences(key, idx, begin, end, paragraph, token_begin, token_end)
//   quality_flags(key, idx, begin, end, kind, category, explanation, rule)
//   mentions(key, idx, begin, end, sentence, type, resolution, entity, name, code, rule, ...)
//   places(key, idx, begin, end, sentence, place, name, country, kind, latitude, longitude, ...)
//   times(key, idx, begin, end, sentence, type, value, candidates, relative, rule)
//   quotes(key, idx, begin, end, content_begin, content_end, kind, indirect, speaker, ...)
//   events(key, idx, trigger_begin, trigger_end, source, target, code, plover, goldstein,
//          quad_class, date, modality, rule, confidence, ...)
//   failures(origin, code, message, at)   inputs that could not be analysed
//   stories(id PK, first_date, last_date, label, n_documents, terms, actors)   (v2)
//   document_stories(key PK → documents, story)   the story of each document (v2)
//   copy_fingerprints(key PK → documents, text_hash, n_shingles, minhash, sentences)   (v3)
//   copies(key PK → documents, origin, kind, similarity, rule)   copies of an origin (v3)
// Version 2 (issue 7) added stories and document_stories, version 3 the two
// copy tables (link/copies.h); an older database is migrated in place on
// open, one version at a time, and keeps every row.
// documents also keeps the quality score and the machine-translation verdict.
// All begin/end are byte offsets into documents.original. Tokens are not
// stored: they are cheap to recompute and would dominate the file.
//
// Not thread-safe (one sqlite3 connection). Not copyable; movable.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/document.h"
#include "common/status.h"
#include "link/copies.h"
#include "link/story_linker.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cronaca {

struct StoreSummary {
  size_t documents = 0;
  size_t ids = 0;
  size_t sentences = 0;
  size_t quality_flags = 0;
  size_t failures = 0;
  size_t mentions = 0, times = 0, quotes = 0, events = 0;
  std::vector<std::pair<std::string, size_t>> languages;  // lang, documents
};

// A story as listed by `cronaca stories`.
struct StoryRow {
  std::string id, first_date, last_date, label;
  size_t n_documents = 0, n_sources = 0;
  // Documents that are not copies of another (copies table, v3).
  size_t n_independent = 0;
};

struct DocumentRow {
  std::string key, id, title, source, date, lang;
  size_t n_sentences = 0, n_tokens = 0, n_flags = 0;
  size_t n_mentions = 0, n_times = 0, n_quotes = 0, n_events = 0;
  bool machine_translation = false;
};

class Store {
 public:
  static constexpr int kSchemaVersion = 3;

  // Opens (creating if needed) the database at `path`; ":memory:" works.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Status Begin();
  Status Commit();
  Status Rollback();

  // Stores an analysed document, replacing what was stored for its key and id.
  Status Put(const Document& doc, const std::string& pipeline);
  // Records an input that failed (the batch goes on without it).
  Status RecordFailure(const Status& failure);

  // Loads a stored document by id, by key, or by a unique key prefix of at
  // least 8 hex digits, with its metadata, paragraphs, sentences and flags
  // (no tokens). nullopt if nothing matches.
  Result<std::optional<Document>> Load(const std::string& id_or_key);
  // All ids pointing at a key.
  Result<std::vector<std::string>> IdsOf(const std::string& key);

  // --- stories (link/story_linker.h) ---------------------------------------
  // Writes a story (replacing the stored one with the same id) and files each
  // of its documents under it.
  Status PutStory(const StoryRecord& story);
  // The story a document (by key) is filed under, "" if none.
  Result<std::string> StoryOf(const std::string& key);
  // Stories whose span meets [since, until] (PartialDate strings compared as
  // text: "2025-07" < "2025-07-03", so a month-only bound is generous), and
  // every undated one; for StoryLinker::Restore. Empty bounds are open.
  Result<std::vector<StoryRecord>> StoriesBetween(const std::string& since, const std::string& until);
  // Every story, oldest first, with its number of distinct sources.
  Result<std::vector<StoryRow>> ListStories();
  // The keys of a story's documents, oldest first; empty if the id is unknown.
  Result<std::vector<std::string>> StoryDocuments(const std::string& story_id);

  // --- copies (link/copies.h), schema v3 ------------------------------------
  // Stores the hashes of a document's fingerprint (replacing them); lang,
  // date, story and the machine-translation verdict are read from the other
  // tables. REQUIRES: the document is stored (Put) first.
  Status PutCopyFingerprint(const CopyFingerprint& print);
  // Marks copy.key as a copy of copy.origin (replacing its earlier record;
  // nothing if copy.key is not stored), re-points the copies whose origin was
  // copy.key to copy.origin (an earlier document arrived), and drops a
  // record that would make copy.origin a copy.
  Status PutCopy(const CopyRecord& copy);
  // The fingerprints of the documents dated within [since, until] (text
  // comparison as StoriesBetween; empty bounds are open) and of every undated
  // one, with the copy records of those documents; for CopyDetector::Restore.
  Result<CopyWindowData> CopyWindow(const std::string& since, const std::string& until);
  // The copy records of the given keys (documents that are not copies have
  // none), in key order; origin_date is filled.
  Result<std::vector<CopyRecord>> CopiesOf(const std::vector<std::string>& keys);
  // The copy records of a story's documents, in key order.
  Result<std::vector<CopyRecord>> CopiesInStory(const std::string& story_id);

  Result<StoreSummary> Summarize();
  Result<std::vector<DocumentRow>> ListDocuments();

 private:
  explicit Store(sqlite3* db) : db_(db) {}
  Status Exec(const char* sql);
  Status Migrate();
  Status Error(const std::string& what) const;
  Result<std::string> ResolveKey(const std::string& id_or_key);
  Status PutExtractions(const Document& doc);
  void LoadExtractions(const std::string& key, Document* doc);

  sqlite3* db_;
};

}  // namespace cronaca
