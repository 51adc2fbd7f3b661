#include "link/story_linker.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace cronaca {

namespace {

constexpr double kActorWeight = 0.45;     // shared actors and places
constexpr double kLexicalWeight = 0.45;   // shared content lemmas and numbers
constexpr double kTimeWeight = 0.10;      // closeness in time
constexpr double kUndatedCloseness = 0.5;
constexpr size_t kMinLemmaBytes = 3;
constexpr size_t kLabelActors = 3;

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
    if (token.pos != Pos::kNoun && token.pos != Pos::kProperNoun && token.pos != Pos::kVerb &&
        token.pos != Pos::kAdjective) {
      continue;
    }
    std::string_view lemma = token.lemma != StringStore::kNone ? strings.Get(token.lemma) : doc.NormText(token);
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
    for (const auto& [term, count] : story.terms) postings_[term].insert(story.id);
    stories_[story.id] = std::move(story);
  }
}

double StoryLinker::Rarity(const std::string& term) const {
  auto it = postings_.find(term);
  double df = it == postings_.end() ? 0.0 : static_cast<double>(it->second.size());
  double n = static_cast<double>(stories_.size());
  return std::log(1.0 + (n + 1.0) / (df + 1.0));
}

StoryLinker::ScoreParts StoryLinker::ScoreStory(const LinkDocument& doc,
                               const std::optional<std::pair<int64_t, int64_t>>& interval,
                               const Story& story) const {
  // Two weighted cosines: actors and places, lemmas and numbers.
  double dot[2] = {0, 0}, doc_norm[2] = {0, 0}, story_norm[2] = {0, 0};
  for (const std::string& term : doc.terms) {
    int kind = IsActorTerm(term) ? 0 : 1;
    double w = Rarity(term);
    doc_norm[kind] += w * w;
    auto it = story.terms.find(term);
    if (it != story.terms.end()) {
      double share = static_cast<double>(it->second) / static_cast<double>(std::max<size_t>(1, story.n_documents));
      dot[kind] += w * w * share;
    }
  }
  for (const auto& [term, count] : story.terms) {
    int kind = IsActorTerm(term) ? 0 : 1;
    double w = Rarity(term) * static_cast<double>(count) / static_cast<double>(std::max<size_t>(1, story.n_documents));
    story_norm[kind] += w * w;
  }
  double sim[2];
  for (int kind = 0; kind < 2; ++kind) {
    sim[kind] = doc_norm[kind] > 0 && story_norm[kind] > 0 ? dot[kind] / std::sqrt(doc_norm[kind] * story_norm[kind]) : 0;
  }
  double closeness = kUndatedCloseness;
  if (interval && story.dated) {
    int64_t gap = 0;
    if (interval->second < story.first_day) gap = story.first_day - interval->second;
    if (interval->first > story.last_day) gap = interval->first - story.last_day;
    closeness = gap > options_.window_days ? 0.0 : 1.0 - static_cast<double>(gap) / (options_.window_days + 1);
  }
  ScoreParts parts;
  parts.actors = sim[0];
  parts.lexical = sim[1];
  parts.closeness = closeness;
  // No actors or places on one side (a bare headline): that is no evidence
  // either way, so the lexical side carries their weight.
  if (doc_norm[0] == 0 || story_norm[0] == 0) {
    parts.total = (kActorWeight + kLexicalWeight) * sim[1] + kTimeWeight * closeness;
  } else {
    parts.total = kActorWeight * sim[0] + kLexicalWeight * sim[1] + kTimeWeight * closeness;
  }
  return parts;
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
  for (const std::string& term : doc.terms) {
    if (story.terms[term]++ == 0) postings_[term].insert(story.id);
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
  const int64_t horizon = today - 4 * static_cast<int64_t>(options_.window_days);
  for (auto it = stories_.begin(); it != stories_.end();) {
    const Story& story = it->second;
    if (story.dated && story.last_day < horizon && !changed_.count(story.id)) {
      for (const auto& [term, count] : story.terms) {
        auto posting = postings_.find(term);
        if (posting == postings_.end()) continue;
        posting->second.erase(story.id);
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

  // Candidates: stories sharing a term, within the window.
  std::vector<std::pair<double, const std::string*>> query;  // rarity, term
  for (const std::string& term : doc.terms) {
    if (postings_.count(term)) query.emplace_back(Rarity(term), &term);
  }
  std::sort(query.begin(), query.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : *a.second < *b.second; });
  std::set<std::string> candidates;
  size_t lemma_terms = 0;
  for (const auto& [rarity, term] : query) {
    if (!IsActorTerm(*term) && ++lemma_terms > options_.max_query_terms) continue;
    for (const std::string& id : postings_.at(*term)) candidates.insert(id);
  }
  std::string best_id;
  double best_score = options_.threshold;
  for (const std::string& id : candidates) {
    const Story& story = stories_.at(id);
    if (interval && story.dated &&
        (interval->second + options_.window_days < story.first_day ||
         interval->first - options_.window_days > story.last_day)) {
      continue;
    }
    ScoreParts parts = ScoreStory(doc, interval, story);
    if (options_.trace) {
      std::fprintf(stderr, "link %s -> %s: actors %.3f lexical %.3f time %.2f = %.3f\n", doc.key.substr(0, 12).c_str(),
                   id.c_str(), parts.actors, parts.lexical, parts.closeness, parts.total);
    }
    if (parts.lexical < options_.min_lexical) continue;
    double score = parts.total;
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
