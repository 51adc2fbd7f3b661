#include "link/story_linker.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace cronaca {

namespace {

constexpr double kTermsWeight = 0.90;     // shared actors, places, lemmas and numbers
constexpr double kTimeWeight = 0.10;      // closeness in time
constexpr double kUndatedCloseness = 0.5;
// Link() also compares a document with each of a story's first
// kMemberProfiles reports (those linked in this process) and mixes the best
// cosine with the profile's at kMemberWeight (UCI headlines B-cubed F1 0.723
// -> 0.746; 32 members 0.750, 4 members 0.728, weight 1.0 0.720).
constexpr size_t kMemberProfiles = 16;
constexpr double kMemberWeight = 0.5;
// Across languages (Similarity), the weight of a lemma or stem term only one
// side has: such words could never meet, and at full weight they held the
// cosine of cross-language pairs below that of same-language ones (SemEval
// pooled -r 0.475 at 1.0, 0.53 at 0.2-0.35, 0.52 at 0; see README "Stories").
constexpr double kCrossLanguageLemmaWeight = 0.3;
constexpr size_t kMinLemmaBytes = 3;
constexpr size_t kLabelActors = 3;
// A story leaves the index when it ended this many windows before the
// newest document (a late report can still join it meanwhile).
constexpr int64_t kEvictAfterWindows = 4;

bool IsActorTerm(const std::string& term) { return term.size() > 2 && (term[0] == 'e' || term[0] == 'p') && term[1] == ':'; }

// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's days_from_civil.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::pair<int64_t, int64_t> DateInterval(const PartialDate& date) {
  if (date.precision() == DatePrecision::kDay) {
    int64_t day = DaysFromCivil(date.year(), date.month(), date.day());
    return {day, day};
  }
  if (date.precision() == DatePrecision::kMonth) {
    return {DaysFromCivil(date.year(), date.month(), 1),
            DaysFromCivil(date.year(), date.month(), DaysInMonth(date.year(), date.month()))};
  }
  return {DaysFromCivil(date.year(), 1, 1), DaysFromCivil(date.year(), 12, 31)};
}

LinkDocument LinkFeatures(const Document& doc, const StringStore& strings, LemmaBridge* bridge) {
  LinkDocument out;
  out.key = doc.key();
  out.title = doc.metadata().title;
  out.source = doc.metadata().source;
  out.lang = doc.lang();
  if (doc.metadata().has_date) out.date = doc.metadata().date;
  std::set<std::string> terms;
  const Extractions& ex = doc.extractions();
  for (const Mention& m : ex.mentions) {
    if (m.entity.empty()) continue;
    std::string term = "e:" + m.entity;
    if (!m.name.empty()) out.actor_names.emplace(term, m.name);
    terms.insert(std::move(term));
  }
  for (const PlaceMention& p : ex.places) {
    if (!p.place.empty()) terms.insert("p:" + p.place);
  }
  std::vector<std::string> pivot;
  for (const TokenData& token : doc.tokens()) {
    if (token.kind == TokenKind::kNumber) {
      std::string_view text = doc.NormText(token);
      if (!text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        terms.insert("n:" + std::string(text));
      }
      continue;
    }
    if (token.kind != TokenKind::kWord || (token.flags & kTokenMultiwordContinuation)) continue;
    std::string_view lemma;
    if (token.pos == Pos::kUnknown) {
      // A word morphology does not know (or a language without it): its
      // stem, so that inflected forms meet; rarity weighting keeps the
      // function words of such languages from counting much.
      lemma = token.stem != StringStore::kNone   ? strings.Get(token.stem)
              : token.lemma != StringStore::kNone ? strings.Get(token.lemma)
                                                  : doc.NormText(token);
    } else if (token.pos == Pos::kNoun || token.pos == Pos::kProperNoun || token.pos == Pos::kVerb ||
               token.pos == Pos::kAdjective) {
      lemma = token.lemma != StringStore::kNone ? strings.Get(token.lemma) : doc.NormText(token);
    } else {
      continue;
    }
    if (lemma.size() < kMinLemmaBytes) continue;
    std::string lower = Lower(lemma);
    // A word the bridge knows is represented by its pivot lemmas only, so
    // that two reports in one language do not count it twice.
    pivot.clear();
    if (bridge != nullptr && bridge->Translate(lower, token.pos, &pivot) > 0) {
      for (const std::string& key : pivot) terms.insert("x:" + key);
    } else {
      terms.insert("l:" + lower);
    }
  }
  out.terms.assign(terms.begin(), terms.end());
  return out;
}

void StoryLinker::Restore(const std::vector<StoryRecord>& records) {
  for (const StoryRecord& record : records) {
    if (stories_.count(record.id)) continue;  // active already: ours is newer
    Story story;
    story.id = record.id;
    story.first_date = record.first_date;
    story.last_date = record.last_date;
    auto first = PartialDate::Parse(record.first_date);
    auto last = PartialDate::Parse(record.last_date);
    if (first && last) {
      story.dated = true;
      story.first_day = DateInterval(*first).first;
      story.last_day = DateInterval(*last).second;
    }
    story.first_title = record.label;
    story.n_documents = record.n_documents;
    story.terms = record.terms;
    story.actor_names = record.actor_names;
    story.keys.insert(record.keys.begin(), record.keys.end());
    for (const std::string& key : record.keys) story_of_key_[key] = record.id;
    Story& stored = stories_[story.id];
    stored = std::move(story);
    for (const auto& [term, count] : stored.terms) postings_[term].insert(&stored);
  }
}

double StoryLinker::Rarity(const std::string& term) const {
  auto it = postings_.find(term);
  double df = it == postings_.end() ? 0.0 : static_cast<double>(it->second.size());
  double n = static_cast<double>(stories_.size());
  return std::log(1.0 + (n + 1.0) / (df + 1.0));
}

namespace {

// The linker's score of `doc` against a set of terms counted over
// `n_documents` documents (a story; one document for Similarity), with
// `rarity(term)` as the term weight. `interval` is the doc's date, `span`
// the other side's first and last day (nullopt: undated).
// The squared norms (actors and places, the rest) of a story's side.
template <typename RarityFn>
void StoryNorms(const std::map<std::string, uint32_t>& terms, size_t n_documents, RarityFn rarity, double norms[2]) {
  const double n = static_cast<double>(std::max<size_t>(1, n_documents));
  norms[0] = norms[1] = 0;
  for (const auto& [term, count] : terms) {
    double w = rarity(term) * static_cast<double>(count) / n;
    norms[IsActorTerm(term) ? 0 : 1] += w * w;
  }
}

// `doc_weights`, if given, are the rarities of doc.terms (in order) and
// `norms` the story side's StoryNorms: the linker computes them once.
template <typename RarityFn>
LinkScore ScoreTerms(const LinkDocument& doc, const std::optional<std::pair<int64_t, int64_t>>& interval,
                     const std::map<std::string, uint32_t>& terms, size_t n_documents,
                     const std::optional<std::pair<int64_t, int64_t>>& span, int window_days, RarityFn rarity,
                     const std::vector<double>* doc_weights = nullptr, const double* norms = nullptr) {
  // Weighted cosines: actors and places, lemmas and numbers, and both.
  double dot[2] = {0, 0}, doc_norm[2] = {0, 0}, story_norm[2] = {0, 0};
  const double n = static_cast<double>(std::max<size_t>(1, n_documents));
  for (size_t i = 0; i < doc.terms.size(); ++i) {
    const std::string& term = doc.terms[i];
    int kind = IsActorTerm(term) ? 0 : 1;
    double w = doc_weights != nullptr ? (*doc_weights)[i] : rarity(term);
    doc_norm[kind] += w * w;
    auto it = terms.find(term);
    if (it != terms.end()) dot[kind] += w * w * static_cast<double>(it->second) / n;
  }
  if (norms != nullptr) {
    story_norm[0] = norms[0], story_norm[1] = norms[1];
  } else {
    StoryNorms(terms, n_documents, rarity, story_norm);
  }
  double sim[2];
  for (int kind = 0; kind < 2; ++kind) {
    sim[kind] = doc_norm[kind] > 0 && story_norm[kind] > 0 ? dot[kind] / std::sqrt(doc_norm[kind] * story_norm[kind]) : 0;
  }
  double closeness = kUndatedCloseness;
  if (interval && span) {
    int64_t gap = 0;
    if (interval->second < span->first) gap = span->first - interval->second;
    if (interval->first > span->second) gap = interval->first - span->second;
    closeness = gap > window_days ? 0.0 : 1.0 - static_cast<double>(gap) / (window_days + 1);
  }
  LinkScore parts;
  parts.actors = sim[0];
  parts.lexical = sim[1];
  parts.closeness = closeness;
  // The total is one cosine over every term: actors and places are terms
  // like the others, weighted by rarity. (Two cosines averaged gave a shared
  // common actor as much weight as all the words: -r 0.43 instead of 0.48
  // on SemEval, AUC 0.83 instead of 0.88 on the Italian pairs.)
  const double both_dot = dot[0] + dot[1], both_doc = doc_norm[0] + doc_norm[1];
  const double both_story = story_norm[0] + story_norm[1];
  const double cosine = both_doc > 0 && both_story > 0 ? both_dot / std::sqrt(both_doc * both_story) : 0;
  parts.total = kTermsWeight * cosine + kTimeWeight * closeness;
  return parts;
}

std::optional<std::pair<int64_t, int64_t>> IntervalOf(const LinkDocument& doc) {
  if (!doc.date) return std::nullopt;
  return DateInterval(*doc.date);
}

std::map<std::string, uint32_t> CountOne(const LinkDocument& doc) {
  std::map<std::string, uint32_t> terms;
  for (const std::string& term : doc.terms) terms[term] = 1;
  return terms;
}

}  // namespace

void TermStats::Add(const LinkDocument& doc) {
  ++documents_;
  for (const std::string& term : doc.terms) ++df_[term];
}

double TermStats::Rarity(const std::string& term) const {
  auto it = df_.find(term);
  double df = it == df_.end() ? 0.0 : static_cast<double>(it->second);
  return std::log(1.0 + (static_cast<double>(documents_) + 1.0) / (df + 1.0));
}

namespace {

bool IsLemmaTerm(const std::string& term) { return term.size() > 2 && term[0] == 'l' && term[1] == ':'; }

bool HasTerm(const LinkDocument& doc, const std::string& term) {
  return std::binary_search(doc.terms.begin(), doc.terms.end(), term);
}

bool CrossLanguage(const LinkDocument& a, const LinkDocument& b) {
  return !a.lang.empty() && !b.lang.empty() && a.lang != b.lang;
}

}  // namespace

LinkScore Similarity(const LinkDocument& a, const LinkDocument& b, const TermStats& stats,
                     const StoryLinkerOptions& options) {
  if (CrossLanguage(a, b)) {
    return ScoreTerms(a, IntervalOf(a), CountOne(b), 1, IntervalOf(b), options.window_days,
                      [&](const std::string& term) {
                        double w = stats.Rarity(term);
                        const bool one_side = IsLemmaTerm(term) && !(HasTerm(a, term) && HasTerm(b, term));
                        return one_side ? kCrossLanguageLemmaWeight * w : w;
                      });
  }
  return ScoreTerms(a, IntervalOf(a), CountOne(b), 1, IntervalOf(b), options.window_days,
                    [&](const std::string& term) { return stats.Rarity(term); });
}

LinkScore StoryLinker::Similarity(const LinkDocument& a, const LinkDocument& b) const {
  return ScoreTerms(a, IntervalOf(a), CountOne(b), 1, IntervalOf(b), options_.window_days,
                    [&](const std::string& term) { return Rarity(term); });
}

LinkScore StoryLinker::ScoreStory(const LinkDocument& doc, const std::optional<std::pair<int64_t, int64_t>>& interval,
                                  const Story& story, const std::vector<double>* doc_weights) const {
  std::optional<std::pair<int64_t, int64_t>> span;
  if (story.dated) span = std::make_pair(story.first_day, story.last_day);
  auto rarity = [&](const std::string& term) { return Rarity(term); };
  // The story's norms are recomputed when it changes and once a day (term
  // rarities drift slowly as stories come and go): between two, a score
  // uses the rarities of the last computation for the story side.
  if (story.norm_documents != story.n_documents || story.norm_day != evicted_on_) {
    StoryNorms(story.terms, story.n_documents, rarity, story.norms);
    story.norm_documents = story.n_documents;
    story.norm_day = evicted_on_;
  }
  return ScoreTerms(doc, interval, story.terms, story.n_documents, span, options_.window_days, rarity, doc_weights,
                    story.norms);
}

double StoryLinker::BestMemberCosine(const LinkDocument& doc, const std::vector<double>& doc_weights,
                                     const Story& story) const {
  double doc_norm = 0;
  for (double w : doc_weights) doc_norm += w * w;
  double best = 0;
  for (const std::vector<std::string>& member : story.members) {
    double dot = 0, member_norm = 0;
    for (const std::string& term : member) {
      const double w = Rarity(term);
      member_norm += w * w;
    }
    for (size_t i = 0; i < doc.terms.size(); ++i) {
      if (std::binary_search(member.begin(), member.end(), doc.terms[i])) dot += doc_weights[i] * doc_weights[i];
    }
    if (doc_norm > 0 && member_norm > 0) best = std::max(best, dot / std::sqrt(doc_norm * member_norm));
  }
  return best;
}

std::optional<double> StoryLinker::Score(const LinkDocument& doc, const std::string& story_id) const {
  auto it = stories_.find(story_id);
  if (it == stories_.end()) return std::nullopt;
  std::optional<std::pair<int64_t, int64_t>> interval;
  if (doc.date) interval = DateInterval(*doc.date);
  return ScoreStory(doc, interval, it->second).total;
}

void StoryLinker::AddToStory(Story& story, const LinkDocument& doc) {
  if (!story.keys.insert(doc.key).second) return;
  story_of_key_[doc.key] = story.id;
  ++story.n_documents;
  if (story.members.size() < kMemberProfiles) story.members.push_back(doc.terms);
  for (const std::string& term : doc.terms) {
    if (story.terms[term]++ == 0) postings_[term].insert(&story);
  }
  for (const auto& [term, name] : doc.actor_names) story.actor_names.emplace(term, name);
  if (doc.date) {
    auto [lo, hi] = DateInterval(*doc.date);
    std::string text = doc.date->ToString();
    if (!story.dated) {
      story.dated = true;
      story.first_day = lo;
      story.last_day = hi;
      story.first_date = story.last_date = text;
    } else {
      if (lo < story.first_day) story.first_day = lo, story.first_date = text;
      if (hi > story.last_day) story.last_day = hi, story.last_date = text;
    }
  }
  changed_.insert(story.id);
}

void StoryLinker::Evict(int64_t today) {
  // Stories that ended well before the window of the latest document leave
  // the index (they stay in the store); memory is bounded by the window.
  // Once per new day: a pass over the active stories costs their number.
  if (today <= evicted_on_) return;
  evicted_on_ = today;
  const int64_t horizon = today - kEvictAfterWindows * static_cast<int64_t>(options_.window_days);
  for (auto it = stories_.begin(); it != stories_.end();) {
    const Story& story = it->second;
    if (story.dated && story.last_day < horizon && !changed_.count(story.id)) {
      for (const auto& [term, count] : story.terms) {
        auto posting = postings_.find(term);
        if (posting == postings_.end()) continue;
        posting->second.erase(&story);
        if (posting->second.empty()) postings_.erase(posting);
      }
      for (const std::string& key : story.keys) story_of_key_.erase(key);
      it = stories_.erase(it);
    } else {
      ++it;
    }
  }
}

std::string StoryLinker::Link(const LinkDocument& doc) {
  assert(!doc.key.empty() && "StoryLinker::Link: a document needs its key");
  // Already filed: it stays where it is.
  if (auto known = story_of_key_.find(doc.key); known != story_of_key_.end()) return known->second;
  if (!doc.known_story.empty()) {
    auto story = stories_.find(doc.known_story);
    if (story != stories_.end()) AddToStory(story->second, doc);
    return doc.known_story;
  }
  std::optional<std::pair<int64_t, int64_t>> interval;
  if (doc.date) interval = DateInterval(*doc.date);

  // Candidates: stories sharing one of the rarest terms, within the window,
  // ranked by the summed weight of the terms they share; only the best
  // max_candidates are scored in full. The postings of common terms grow
  // with the stories in the window, not with the archive (Evict).
  std::vector<std::pair<double, const std::string*>> query;  // rarity, term
  for (const std::string& term : doc.terms) {
    auto posting = postings_.find(term);
    // A term in very many stories (a common word, a dense week's main
    // actor) finds no candidates worth its cost; it still counts in scores.
    if (posting != postings_.end() && posting->second.size() <= options_.max_posting) {
      query.emplace_back(Rarity(term), &term);
    }
  }
  std::sort(query.begin(), query.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : *a.second < *b.second; });
  if (query.size() > options_.max_query_terms) query.resize(options_.max_query_terms);
  std::unordered_map<const Story*, double> overlap;
  for (const auto& [rarity, term] : query) {
    // Each story's sum is taken in query order, whatever the order of the
    // posting: the ranking is deterministic.
    for (const Story* story : postings_.at(*term)) overlap[story] += rarity * rarity;
  }
  std::vector<std::pair<double, const Story*>> ranked;
  ranked.reserve(overlap.size());
  for (const auto& [story, weight] : overlap) {
    if (interval && story->dated &&
        (interval->second + options_.window_days < story->first_day ||
         interval->first - options_.window_days > story->last_day)) {
      continue;
    }
    ranked.emplace_back(weight, story);
  }
  auto by_weight = [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second->id < b.second->id; };
  if (ranked.size() > options_.max_candidates) {
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(options_.max_candidates),
                      ranked.end(), by_weight);
    ranked.resize(options_.max_candidates);
  }
  std::string best_id;
  double best_score = options_.threshold;
  std::vector<double> doc_weights;
  doc_weights.reserve(doc.terms.size());
  for (const std::string& term : doc.terms) doc_weights.push_back(Rarity(term));
  for (const auto& [weight, story] : ranked) {
    const std::string& id = story->id;
    LinkScore parts = ScoreStory(doc, interval, *story, &doc_weights);
    if (options_.trace) {
      std::fprintf(stderr, "link %s -> %s: actors %.3f lexical %.3f time %.2f = %.3f\n", doc.key.substr(0, 12).c_str(),
                   id.c_str(), parts.actors, parts.lexical, parts.closeness, parts.total);
    }
    if (parts.lexical < options_.min_lexical) continue;
    double score = parts.total;
    if (!story->members.empty()) {
      // A story's profile blurs its reports: a short text that repeats one
      // of them closely may still be far from the blend. The terms part is
      // max(profile, mean of profile and the best member's cosine).
      const double member = BestMemberCosine(doc, doc_weights, *story);
      const double profile = (parts.total - kTimeWeight * parts.closeness) / kTermsWeight;
      const double terms = std::max(profile, kMemberWeight * member + (1 - kMemberWeight) * profile);
      score = kTermsWeight * terms + kTimeWeight * parts.closeness;
    }
    if (score >= best_score && (best_id.empty() || score > best_score || id < best_id)) {
      best_score = score;
      best_id = id;
    }
  }
  if (best_id.empty()) {
    Story story;
    std::string date = doc.date ? doc.date->ToString() : "undated";
    story.id = "s-" + date + "-" + doc.key.substr(0, 8);
    story.first_title = doc.title;
    best_id = story.id;
    stories_.emplace(best_id, std::move(story));
  }
  AddToStory(stories_.at(best_id), doc);
  if (interval) Evict(interval->first);
  return best_id;
}

std::vector<std::string> StoryLinker::LinkBatch(const std::vector<LinkDocument>& docs) {
  // Dated documents in date order, then the undated ones: an undated
  // document borrows no date (the order of the input says nothing about
  // when it was written); it is compared with every story in memory, with
  // no time factor, once the dated documents of the batch are filed.
  std::vector<size_t> order(docs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    int64_t da = docs[a].date ? DateInterval(*docs[a].date).first : INT64_MAX;
    int64_t db = docs[b].date ? DateInterval(*docs[b].date).first : INT64_MAX;
    if (da != db) return da < db;
    return docs[a].key < docs[b].key;
  });
  std::vector<std::string> ids(docs.size());
  for (size_t i : order) ids[i] = Link(docs[i]);
  return ids;
}

StoryRecord StoryLinker::ToRecord(const Story& story) const {
  StoryRecord record;
  record.id = story.id;
  record.first_date = story.first_date;
  record.last_date = story.last_date;
  record.n_documents = story.n_documents;
  record.terms = story.terms;
  record.actor_names = story.actor_names;
  record.keys.assign(story.keys.begin(), story.keys.end());
  // Label: the actors most of its documents name, else the first title.
  std::vector<std::pair<uint32_t, std::string>> actors;
  for (const auto& [term, count] : story.terms) {
    if (term.rfind("e:", 0) == 0) actors.emplace_back(count, term);
  }
  std::sort(actors.begin(), actors.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::string label;
  for (size_t i = 0; i < actors.size() && i < kLabelActors; ++i) {
    auto name = story.actor_names.find(actors[i].second);
    if (!label.empty()) label += ", ";
    label += name != story.actor_names.end() ? name->second : actors[i].second.substr(2);
  }
  record.label = label.empty() ? story.first_title : label;
  return record;
}

std::vector<StoryRecord> StoryLinker::TakeChanged() {
  std::vector<StoryRecord> out;
  for (const std::string& id : changed_) {
    auto it = stories_.find(id);
    if (it != stories_.end()) out.push_back(ToRecord(it->second));
  }
  changed_.clear();
  return out;
}

}  // namespace cronaca
