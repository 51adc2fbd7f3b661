#include "engine/ingest_batch.h"

#include <cstdio>
#include <optional>
#include <utility>

namespace cronaca {

BatchIngester::BatchIngester(Analyzer& analyzer, Store* store, IngestOptions options, DocumentFn on_document,
                             FailureFn on_failure)
    : analyzer_(analyzer),
      store_(store),
      options_(std::move(options)),
      on_document_(std::move(on_document)),
      on_failure_(std::move(on_failure)),
      signature_(analyzer.pipeline().Signature()),
      linker_(options_.link) {}

// "YYYY-MM" of the month `delta` months from `date` (a year-only date counts
// from January for earlier bounds, from December for later ones).
std::string BatchIngester::ShiftMonth(const PartialDate& date, int delta) const {
  constexpr int kMonths = 12;
  int year = date.year();
  int month = date.month() ? date.month() : (delta < 0 ? 1 : kMonths);
  month += delta;
  while (month < 1) month += kMonths, --year;
  while (month > kMonths) month -= kMonths, ++year;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

Status BatchIngester::Fail(const Status& failure) {
  ++failed_;
  if (on_failure_) on_failure_(failure);
  if (store_) store_->RecordFailure(failure);
  return Status::Ok();
}

Result<LemmaBridge*> BatchIngester::BridgeFor(const std::string& lang) {
  auto it = bridges_.find(lang);
  if (it == bridges_.end()) {
    std::unique_ptr<LemmaBridge> bridge;
    if (!lang.empty()) {
      auto loaded = LemmaBridge::Load(lang);
      if (loaded.ok()) {
        bridge = std::move(*loaded);
      } else if (loaded.status().code() != StatusCode::kNotFound) {
        return loaded.status();
      }
    }
    it = bridges_.emplace(lang, std::move(bridge)).first;
  }
  return it->second.get();
}

Status BatchIngester::Add(Result<Document> item) {
  if (store_ && !in_transaction_) {
    CRONACA_RETURN_IF_ERROR(store_->Begin());
    in_transaction_ = true;
  }
  if (!item.ok()) {
    Fail(item.status());
  } else {
    Document& doc = item.value();
    Status analysed = analyzer_.Analyze(doc);
    if (analysed.ok()) {
      pending_.push_back(std::move(doc));
    } else {
      Fail(analysed);
    }
  }
  if (++in_batch_ >= options_.batch_size) return Flush();
  return Status::Ok();
}

Status BatchIngester::Flush() {
  if (!pending_.empty()) {
    std::vector<LinkDocument> features;
    features.reserve(pending_.size());
    std::optional<PartialDate> min_date, max_date;
    for (const Document& doc : pending_) {
      auto bridge = BridgeFor(doc.lang());
      if (!bridge.ok()) return bridge.status();
      features.push_back(LinkFeatures(doc, analyzer_.strings(), *bridge));
      if (store_) {
        if (auto known = store_->StoryOf(doc.key()); known.ok()) features.back().known_story = *known;
      }
      if (doc.metadata().has_date) {
        const PartialDate& d = doc.metadata().date;
        if (!min_date || DateInterval(d).first < DateInterval(*min_date).first) min_date = d;
        if (!max_date || DateInterval(d).second > DateInterval(*max_date).second) max_date = d;
      }
    }
    if (store_ && min_date) {
      // The stories of the window around the batch (a month either side).
      auto window = store_->StoriesBetween(ShiftMonth(*min_date, -1), ShiftMonth(*max_date, 1) + "-31");
      if (!window.ok()) return window.status();
      linker_.Restore(*window);
    }
    std::vector<std::string> story_ids = linker_.LinkBatch(features);
    // --- copies (link/copies.h) ---
    std::vector<CopyFingerprint> prints;
    prints.reserve(pending_.size());
    for (size_t i = 0; i < pending_.size(); ++i) {
      pending_[i].extractions().story = story_ids[i];
      auto bridge = BridgeFor(pending_[i].lang());  // loaded above
      prints.push_back(Fingerprint(pending_[i], analyzer_.strings(), bridge.ok() ? *bridge : nullptr));
    }
    if (store_ && min_date) {
      auto window = store_->CopyWindow(ShiftMonth(*min_date, -1), ShiftMonth(*max_date, 1) + "-31");
      if (!window.ok()) return window.status();
      copies_.Restore(*window);
    }
    std::vector<CopyRecord> copy_records = copies_.AddBatch(prints);
    // --- end of copies ---
    for (size_t i = 0; i < pending_.size(); ++i) {
      Document& doc = pending_[i];
      doc.extractions().story = story_ids[i];
      if (store_) {
        Status put = store_->Put(doc, signature_);
        if (!put.ok()) {
          Fail(put.WithContext(doc.id()));
          continue;
        }
      }
      ++done_;
      if (on_document_) on_document_(doc);
    }
    pending_.clear();
    if (store_) {
      for (const StoryRecord& story : linker_.TakeChanged()) CRONACA_RETURN_IF_ERROR(store_->PutStory(story));
      for (const CopyRecord& copy : copy_records) CRONACA_RETURN_IF_ERROR(store_->PutCopy(copy));
      for (const CopyFingerprint& print : prints) CRONACA_RETURN_IF_ERROR(store_->PutCopyFingerprint(print));
    }
  }
  in_batch_ = 0;
  if (!store_ || !in_transaction_) return Status::Ok();
  in_transaction_ = false;
  return store_->Commit();
}

}  // namespace cronaca
