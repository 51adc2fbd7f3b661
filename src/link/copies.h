// Copies: exact and near-duplicate reports (syndicated copies, republished
// wire stories) and translations of one another, grouped under one origin so
// that a story counts independent reports, not copies (issue 7).
//
//   CopyDetector detector;                                    // default options
//   detector.Restore(*store->CopyWindow(since, until));       // the window, from the store
//   std::vector<CopyFingerprint> batch;
//   for (Document& doc : docs) batch.push_back(Fingerprint(doc, strings, bridge_of(doc)));
//   for (const CopyRecord& c : detector.AddBatch(batch)) store->PutCopy(c);
//   for (const CopyFingerprint& f : batch) store->PutCopyFingerprint(f);
//   std::optional<CopyRecord> c = detector.CopyOf(doc.key());  // "copy_of" in the output
//
// Kinds and how each is decided (the rule id says which test fired):
//   exact        "copy.exact": different bytes (so different keys: typography,
//                spacing, another headline in the header), but the same
//                sequence of lower-cased words. Byte-identical bodies never
//                get here: they share one key (one stored document, both ids).
//   near         same language; word 3-gram shingles (lower-cased surface
//                forms of the document's own tokens, language-specific by
//                construction) summarised by a 128-value MinHash.
//                "copy.near.jaccard": estimated Jaccard >= near_jaccard (a
//                light rewrite keeps about 2/3 of its shingles);
//                "copy.near.containment": the shorter text's shingles lie in
//                the longer one (>= near_containment): a copy that cuts or
//                adds paragraphs.
//   translation  different languages; each sentence is reduced to
//                language-neutral terms: actor entity ids ("e:"), place ids
//                ("p:"), numbers written in digits ("n:"), normalised time
//                values ("t:") and the pivot lemmas of the LemmaBridge
//                ("x:", link/lemma_bridge.h), plus proper nouns without an
//                entity ("l:", names spelt alike). The sentences of the two
//                documents are aligned monotonically (a weighted LCS over
//                sentence pairs that share at least two terms and whose Dice
//                overlap reaches sentence_match), and "copy.translation"
//                fires when the aligned pairs cover `translation` of both
//                documents' sentences (2 * aligned / (n_a + n_b)) with at
//                least min_aligned_sentences pairs; `translation_mt` when one
//                side is flagged as a machine translation (extract/quality).
//                A translation keeps the order of the original's sentences;
//                two independent reports of the same happening name the same
//                actors, but not sentence by sentence in the same order.
//
// Figures (tests/link/copies_test.cpp, CRONACA_COPIES_FIGURES=1): on
// examples/ the machine translation it_alaska_summit_traduzione aligns 8
// sentences with en_alaska_summit_wire (score 0.70); every other pair of
// reports of one story scores 0.23-0.46 and has Jaccard <= 0.05. On the 1,283
// SemEval-2022 task 8 pairs, no cross-language pair reaches 0.37; 5 of 900
// same-language pairs are near-duplicates, 2 of them wire copies (Overall 1
// and 2) and 3 pages of cookie or paywall boilerplate (Overall >= 3).
//
// Candidates. Each fingerprint enters two LSH indexes: the text MinHash cut
// into 32 bands of 4 values (a pair with Jaccard 0.5 meets in at least one
// band with p = 0.87, 0.8 with p = 1.0) and a 32-value MinHash of the
// language-neutral terms in 16 bands of 2 (for translations); the latest 64
// documents of the same story in another language are candidates too. Only
// candidates are compared, and the index holds the documents of the window
// (`window_days` before the batch's earliest date; older ones are evicted),
// so the cost of one document depends on the window, not on the archive
// (about 0.1 ms a document with 1,500 in the window, flat over 14,600
// synthetic documents). Undated documents are never evicted.
//
// Groups and origins. Matches join documents into copy groups (union-find;
// a copy of a copy is in the same group). The origin of a group is its
// earliest member: by date (an undated document is the latest), then a
// document not flagged as machine translation before one that is, then by
// key. Every other member gets a CopyRecord (its origin, and the kind,
// similarity and rule of its best match). When an earlier document arrives
// later, it becomes the origin and the old origin a copy: Store::PutCopy
// re-points the stored copies of the old origin.
//
// Idempotence and determinism. A key the detector knows (restored or added)
// is not added twice; decisions are symmetric and origins are minima, so the
// same documents within one window give the same records whatever the batch
// order (tested).
//
// Limits. Boilerplate that a scraper left in (cookie banners, paywall
// forms) makes unrelated pages near-duplicates; a copy republished more than
// a window later is not found; translations need actors, places, numbers or
// bridged lemmas in common, so languages without a LemmaBridge
// (resources/<lang>/link.txt) rely on names and numbers alone.
//
// Not thread-safe (mutable index). Copyable and movable (plain containers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/document.h"
#include "common/string_store.h"
#include "link/lemma_bridge.h"

namespace cronaca {

enum class CopyKind : uint8_t { kExact = 0, kNear, kTranslation };
// "exact", "near", "translation".
const char* CopyKindName(CopyKind kind);
// The inverse of CopyKindName; nullopt for anything else.
std::optional<CopyKind> ParseCopyKind(std::string_view name);

// What the detector keeps of a document. Fingerprint() makes it from an
// analysed document; the store keeps the hashes (copy_fingerprints) and fills
// lang, date, story and machine_translation from its other tables.
struct CopyFingerprint {
  static constexpr size_t kTextHashes = 128;     // text MinHash values
  static constexpr uint32_t kSentenceEnd = 0xffffffffu;

  std::string key;            // content key (Document::key())
  std::string lang;
  std::string date;           // PartialDate string, "" if undated
  std::string story;          // story id if linked, else "" (extra candidates)
  bool machine_translation = false;
  uint64_t text_hash = 0;     // hash of the lower-cased word sequence (exact copies)
  uint32_t n_shingles = 0;    // distinct word 3-grams
  std::vector<uint32_t> minhash;  // kTextHashes values, or empty if n_shingles == 0
  // Language-neutral terms (32-bit hashes, sorted and unique within a
  // sentence), each sentence closed by kSentenceEnd; sentences without a
  // term are left out.
  std::vector<uint32_t> sentences;
};

// One document marked as a copy of an origin (store table `copies`).
struct CopyRecord {
  std::string key;            // the copy
  std::string origin;         // key of the earliest document of its group
  CopyKind kind = CopyKind::kNear;
  double similarity = 0;      // exact 1; near: Jaccard or containment; translation: alignment
  std::string rule;           // "copy.exact", "copy.near.jaccard", "copy.near.containment", "copy.translation"
  std::string origin_date;    // filled by the store (for Restore), else ""
  friend bool operator==(const CopyRecord&, const CopyRecord&) = default;
};

// The window of a batch, as the store gives it: fingerprints and the copy
// records of their documents.
struct CopyWindowData {
  std::vector<CopyFingerprint> fingerprints;
  std::vector<CopyRecord> copies;
};

struct CopyOptions {
  double near_jaccard = 0.5;
  double near_containment = 0.8;
  // Below this many shingles (in the shorter text) only exact copies count:
  // a short text is contained in many others by chance.
  uint32_t min_shingles = 25;
  double translation = 0.55;
  double translation_mt = 0.5;
  double sentence_match = 0.3;
  // At least this many aligned sentences for a translation.
  size_t min_aligned_sentences = 3;
  int window_days = 31;
};

// The decision for one pair.
struct CopyMatch {
  CopyKind kind = CopyKind::kNear;
  double similarity = 0;
  std::string rule;
};

// The fingerprint of an analysed document (tokens, sentences, mentions,
// places, times; lemmas if morphology ran). `bridge` is the LemmaBridge of
// the document's language, or null. REQUIRES: `strings` is the pipeline's
// StringStore that the document's lemma ids refer to.
CopyFingerprint Fingerprint(const Document& doc, const StringStore& strings, LemmaBridge* bridge);

// Recomputes nothing: compares two fingerprints. nullopt when they are not
// copies. Symmetric. Same key gives nullopt (one document).
std::optional<CopyMatch> CompareCopies(const CopyFingerprint& a, const CopyFingerprint& b,
                                       const CopyOptions& options = {});

// The translation alignment score alone (0..1), for tuning and tests.
double TranslationScore(const CopyFingerprint& a, const CopyFingerprint& b, double sentence_match,
                        size_t* aligned = nullptr);
// Estimated Jaccard of the two text shingle sets (0 if either is empty).
double EstimatedJaccard(const CopyFingerprint& a, const CopyFingerprint& b);

class CopyDetector {
 public:
  explicit CopyDetector(CopyOptions options = {}) : options_(options) {}

  // Loads the window's fingerprints and copy records (Store::CopyWindow); a
  // key the detector already holds is kept as it is.
  void Restore(const CopyWindowData& window);

  // Adds a batch; returns the copy records that are new or changed, to be
  // persisted in this order. Documents whose key is known change nothing.
  // Evicts fingerprints more than window_days before the batch's earliest date.
  std::vector<CopyRecord> AddBatch(const std::vector<CopyFingerprint>& batch);

  // The record of a document known to the detector if it is a copy.
  std::optional<CopyRecord> CopyOf(const std::string& key) const;

  // Documents in the index (restored or added, not evicted).
  size_t size() const { return live_.size(); }

 private:
  struct Node {
    CopyFingerprint print;       // only key and date for an origin known by its record
    bool has_print = false;
    int64_t day = 0;             // first day of its date; undated sorts last
    int parent = -1;             // union-find; the root is the group's origin
    std::vector<int> members;    // for a root: every node of its group
    bool evicted = false;
    std::optional<CopyMatch> best;  // its best match (for its record)
    bool banded = false;            // text_keys and neutral_keys computed
    std::vector<uint64_t> text_keys, neutral_keys;  // its LSH band keys
  };

  int NodeOf(const std::string& key, const std::string& date);
  int Find(int node);
  int FindConst(int node) const;
  bool Before(int a, int b) const;  // a is the better origin
  void Union(int a, int b, const CopyMatch& match);
  void Offer(int node, const CopyMatch& match);
  void Index(int node);
  void Evict(int64_t before_day);
  std::vector<int> Candidates(int node);
  std::optional<CopyRecord> RecordOf(int node) const;

  CopyOptions options_;
  std::vector<Node> nodes_;
  std::unordered_map<std::string, int> by_key_;
  std::unordered_map<uint64_t, std::vector<int>> text_bands_;     // band hash -> nodes
  std::unordered_map<uint64_t, std::vector<int>> neutral_bands_;  // band hash -> nodes
  std::unordered_map<std::string, std::vector<int>> by_story_;     // story -> nodes, oldest first
  std::vector<int> live_;                                          // indexed (not evicted) nodes
  std::unordered_map<std::string, CopyRecord> records_;           // key -> last record emitted/restored
};

}  // namespace cronaca
