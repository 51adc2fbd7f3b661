// StoryLinker: groups reports of the same happening into stories, online.
//
//   StoryLinker linker;                                  // default options
//   linker.Restore(*store->StoriesBetween(since, until));  // the window, from the store
//   std::vector<LinkDocument> batch;
//   for (Document& doc : docs) batch.push_back(LinkFeatures(doc, strings));
//   std::vector<std::string> ids = linker.LinkBatch(batch);   // ids[i] for batch[i]
//   for (const StoryRecord& s : linker.TakeChanged()) store->PutStory(s);
//
// How a document is linked. Each document (in publication-date order within
// a batch) is compared with the stories whose time span lies within
// `window_days` of its date; it joins the most similar one if the score
// reaches `threshold`, else it starts a new story. Candidates come from an
// inverted index (term -> active stories), so the cost of one document
// depends on the stories in the window, not on the archive.
//
// Terms are language-neutral where they can cheaply be:
//   "e:putin_vladimir"   an actor's entity id (extract/actors)
//   "p:geonames:2624652" a place id (extract/places)
//   "n:2025"             a number as written (digits only)
//   "l:vertice"          a content lemma (noun, verb, adjective, proper noun);
//                        shared across languages only when spelt alike
//                        ("putin", "nato"); a word morphology does not know
//                        (or any word of a language without morphology)
//                        gives its Snowball stem ("l:feuerwehr")
//   "x:cimera"           a noun, verb or adjective mapped to the pivot
//                        language by the document language's LemmaBridge
//                        (link/lemma_bridge.h): "vertice" and "summit" meet.
// score = kTermsWeight * cos_w(all terms) + kTimeWeight * closeness, where
// cos_w is a cosine with each term weighted by its rarity among the active
// stories (log(1 + (N + 1) / (df + 1))) and the story side is the share of
// its documents with the term; closeness is 1 when the date intervals
// overlap and falls linearly to 0 at the window edge. The actor and
// lexical cosines are also computed (LinkScore): a story needs
// lexical >= min_lexical, so shared leaders alone make no story.
// The terms part is also taken against each of the story's first 16
// reports linked in this process: max(profile cosine, mean of the profile
// cosine and the best report's), so a short text close to one report is
// not lost in the blend of many (headlines).
// Similarity() gives the same score for two documents (pair benchmarks).
//
// Cost. Candidates are the stories sharing one of the document's
// max_query_terms rarest terms (terms in more than max_posting stories are
// not looked up), within the window; the max_candidates sharing the most
// weight are scored. Stories that ended 4 windows before the newest
// document leave the index (Evict, once a day); the CLI restores the
// window from the store for each batch, so a late report still finds its
// story. bench/link_scale.cpp measures it (README "Stories").
// A month-only date is the interval of the whole month. An undated document
// borrows no date: LinkBatch files it after the dated documents of its batch,
// the time factor is left out (closeness counts as 0.5) and every active
// story is a candidate.
//
// Idempotence. A document whose key is already in a known story (restored or
// linked earlier) stays there and changes nothing. Story ids are derived from
// the first document (its date and key), so a re-run gives the same ids.
//
// Deterministic: same inputs in the same order give the same stories (ties
// break on story id). Not thread-safe (mutable index). Movable, not
// copyable: the index points at the stories it holds.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/date.h"
#include "common/document.h"
#include "common/string_store.h"
#include "link/lemma_bridge.h"

namespace cronaca {

// What the linker needs of a document: its identity, date and terms.
struct LinkDocument {
  std::string key;            // content key (Document::key())
  std::string title;
  std::string source;
  std::string lang;           // the document's language ("" unknown): see Similarity()
  std::optional<PartialDate> date;
  std::vector<std::string> terms;                   // unique, see header
  std::map<std::string, std::string> actor_names;   // "e:id" -> "Vladimir Putin", for labels
  std::string known_story;    // the story the store already files it under, if any
};

// A story as persisted (store/stories): the index restores from these.
struct StoryRecord {
  std::string id;
  std::string first_date, last_date;   // PartialDate strings; "" if undated
  std::string label;
  size_t n_documents = 0;
  // Term -> number of its documents with the term; actor names for labels.
  std::map<std::string, uint32_t> terms;
  std::map<std::string, std::string> actor_names;
  std::vector<std::string> keys;       // its documents' keys
};

struct StoryLinkerOptions {
  int window_days = 7;
  double threshold = 0.20;
  // Terms looked up in the index per document (the rarest first), and the
  // candidate stories scored in full (those sharing the most weight).
  // A term in more active stories than max_posting is not looked up.
  size_t max_query_terms = 40;
  size_t max_candidates = 32;
  size_t max_posting = 1000;
  // A story needs at least this lexical similarity, whatever the actors:
  // the same leaders in the same week are often two different stories.
  double min_lexical = 0.05;
  // Print every candidate's score parts to stderr (for tuning).
  bool trace = false;
};

// The terms of an analysed document; with a bridge (for the document's
// language) also the pivot terms. REQUIRES: `strings` is the pipeline's
// StringStore that the document's lemma ids refer to.
LinkDocument LinkFeatures(const Document& doc, const StringStore& strings, LemmaBridge* bridge = nullptr);

// Day number (days since 1970-01-01) of the first and last day a partial
// date can mean: "2025-07" -> [2025-07-01, 2025-07-31].
std::pair<int64_t, int64_t> DateInterval(const PartialDate& date);

// The parts of a similarity score (see the header comment): the actor and
// place cosine, the lexical cosine, the closeness in time and the total.
struct LinkScore {
  double actors = 0, lexical = 0, closeness = 0, total = 0;
};

// Document frequencies over a collection of documents: the term weights of
// Similarity() when there is no story index (pair benchmarks, `explain`).
// Rarity is log(1 + (N + 1) / (df + 1)), as in the linker. Copyable.
class TermStats {
 public:
  void Add(const LinkDocument& doc);
  double Rarity(const std::string& term) const;
  size_t documents() const { return documents_; }

 private:
  size_t documents_ = 0;
  std::unordered_map<std::string, uint32_t> df_;
};

// The score the linker gives `a` against a story made of `b` alone, with
// the weights of `stats`: symmetric in a and b. Undated sides count 0.5 for
// closeness, as in linking. When both languages are known and differ, a
// lemma or stem term ("l:") that only one side has weighs 0.3 of its rarity:
// across languages such words meet only when spelt alike (names), so words
// that could never meet dilute the cosine less, and cross-language scores
// come nearer the scale of same-language ones. (Pairs only: Link() scores a
// story as a whole, whatever the languages of its reports.)
LinkScore Similarity(const LinkDocument& a, const LinkDocument& b, const TermStats& stats,
                     const StoryLinkerOptions& options = {});

class StoryLinker {
 public:
  explicit StoryLinker(StoryLinkerOptions options = {}) : options_(options) {}
  StoryLinker(const StoryLinker&) = delete;
  StoryLinker& operator=(const StoryLinker&) = delete;
  StoryLinker(StoryLinker&&) = default;
  StoryLinker& operator=(StoryLinker&&) = default;

  // Loads stories (typically those of the window, from the store); a story
  // that is active already is kept as it is.
  void Restore(const std::vector<StoryRecord>& stories);

  // Links one batch in date order; returns the story id of each document in
  // input order. Undated documents take the date of their nearest dated
  // neighbour in the batch (the previous one, else the next).
  std::vector<std::string> LinkBatch(const std::vector<LinkDocument>& docs);

  // Links one document. REQUIRES: doc.key is not empty.
  std::string Link(const LinkDocument& doc);

  // The similarity `doc` would have with an active story (for tests and
  // `explain`); nullopt if the story is not active.
  std::optional<double> Score(const LinkDocument& doc, const std::string& story_id) const;

  // The same, with the rarity of the terms among the active stories.
  LinkScore Similarity(const LinkDocument& a, const LinkDocument& b) const;

  // Stories created or changed since the last call, as records to persist.
  std::vector<StoryRecord> TakeChanged();

  size_t active_stories() const { return stories_.size(); }

 private:
  struct Story {
    std::string id;
    bool dated = false;
    int64_t first_day = 0, last_day = 0;
    std::string first_date, last_date;
    std::string first_title;
    size_t n_documents = 0;
    std::map<std::string, uint32_t> terms;
    std::map<std::string, std::string> actor_names;
    std::set<std::string> keys;
    // The terms of its first reports linked in this process (not restored
    // from the store): a short text is also compared with each of them.
    std::vector<std::vector<std::string>> members;
    // StoryNorms cache (ScoreStory): valid for norm_documents documents on
    // the eviction day norm_day.
    mutable double norms[2] = {0, 0};
    mutable size_t norm_documents = 0;
    mutable int64_t norm_day = INT64_MIN;
  };

  LinkScore ScoreStory(const LinkDocument& doc, const std::optional<std::pair<int64_t, int64_t>>& interval,
                       const Story& story, const std::vector<double>* doc_weights = nullptr) const;
  double Rarity(const std::string& term) const;
  // The best cosine of `doc` (term weights `doc_weights`) with one of the
  // story's `members`; 0 if it has none.
  double BestMemberCosine(const LinkDocument& doc, const std::vector<double>& doc_weights, const Story& story) const;
  void AddToStory(Story& story, const LinkDocument& doc);
  void Evict(int64_t today);
  StoryRecord ToRecord(const Story& story) const;

  StoryLinkerOptions options_;
  std::map<std::string, Story> stories_;                      // active, by id
  // Term -> the active stories with it (nodes of stories_, which a std::map
  // keeps in place); a story leaves every posting when evicted.
  std::unordered_map<std::string, std::unordered_set<const Story*>> postings_;
  std::unordered_map<std::string, std::string> story_of_key_;
  std::set<std::string> changed_;
  int64_t evicted_on_ = INT64_MIN;   // the day of the last Evict pass
};

}  // namespace cronaca
