// Batch ingestion: analyse documents, link them into stories, store them.
// The one code path behind `cronaca analyze` and the HTTP ingest endpoint
// (`POST /api/ingest` of `cronaca serve`).
//
//   BatchIngester ingester(analyzer, store.get(), {},
//                          [&](Document& doc) { Print(doc); },           // stored, in input order
//                          [&](const Status& failure) { Report(failure); });
//   while (auto item = reader.Next()) {
//     Status fatal = ingester.Add(std::move(*item));   // a bad input is not fatal
//     if (!fatal.ok()) return Fail(fatal);
//   }
//   Status fatal = ingester.Flush();                     // the last batch
//
// What one batch does (every `batch_size` inputs, and at Flush):
//   1. each input is analysed as it is added (Analyzer::Analyze); an input
//      that could not be read or analysed goes to `on_failure` and into the
//      store's failures table;
//   2. the analysed documents are linked into stories in date order
//      (StoryLinker), after restoring from the store the stories of a window
//      of a month either side of the batch's dates;
//   3. copies (link/copies.h): each document is fingerprinted and compared
//      with the window's documents (restored from the store like the
//      stories); copies of an earlier document are marked (CopyOf);
//   4. each document is stored (Store::Put) in input order and handed to
//      `on_document`; the changed stories are written (Store::PutStory),
//      then the copy records and fingerprints (Store::PutCopy,
//      Store::PutCopyFingerprint);
//   5. the batch's transaction is committed.
// Without a store (analyze --no-store) documents are still linked among
// themselves and handed to `on_document`.
//
// Returned Status values are fatal (the store refused a transaction or a
// language's bridge resource is broken); failures of single inputs are not.
//
// Not thread-safe (the analyzer and the store are not). Not copyable or
// movable (callbacks capture it by reference in callers).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/document.h"
#include "common/status.h"
#include "engine/analyzer.h"
#include "link/copies.h"
#include "link/lemma_bridge.h"
#include "link/story_linker.h"
#include "store/store.h"

namespace cronaca {

struct IngestOptions {
  static constexpr size_t kDefaultBatchSize = 256;  // documents per store transaction
  size_t batch_size = kDefaultBatchSize;
  StoryLinkerOptions link;
};

class BatchIngester {
 public:
  using DocumentFn = std::function<void(Document&)>;
  using FailureFn = std::function<void(const Status&)>;

  // `store` may be null (nothing is written). The analyzer and store must
  // outlive the ingester.
  BatchIngester(Analyzer& analyzer, Store* store, IngestOptions options, DocumentFn on_document,
                FailureFn on_failure);
  ~BatchIngester() = default;
  BatchIngester(const BatchIngester&) = delete;
  BatchIngester& operator=(const BatchIngester&) = delete;

  // Analyses one input (or records why it failed); flushes a full batch.
  Status Add(Result<Document> item);
  // Links, stores and commits what is pending. Call once at the end.
  Status Flush();

  size_t done() const { return done_; }      // documents stored (or emitted without a store)
  size_t failed() const { return failed_; }  // inputs that failed
  // The copy record of a document of this run (or of its window), if it is a
  // copy of an earlier one; valid in `on_document`.
  std::optional<CopyRecord> CopyOf(const std::string& key) const { return copies_.CopyOf(key); }

 private:
  Status Fail(const Status& failure);
  Result<LemmaBridge*> BridgeFor(const std::string& lang);
  std::string ShiftMonth(const PartialDate& date, int delta) const;

  Analyzer& analyzer_;
  Store* store_;
  IngestOptions options_;
  DocumentFn on_document_;
  FailureFn on_failure_;
  std::string signature_;
  StoryLinker linker_;
  CopyDetector copies_;
  // One lemma bridge per language (resources/<lang>/link.txt), loaded when
  // first needed; null for a language without one (it links on its lemmas).
  std::map<std::string, std::unique_ptr<LemmaBridge>> bridges_;
  std::vector<Document> pending_;
  size_t in_batch_ = 0;
  bool in_transaction_ = false;
  size_t done_ = 0, failed_ = 0;
};

}  // namespace cronaca
