#include "link/copies.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "link/story_linker.h"

namespace cronaca {

namespace {

constexpr size_t kShingleWords = 3;
constexpr size_t kTextBands = 32;                                   // x 4 values
constexpr size_t kTextRows = CopyFingerprint::kTextHashes / kTextBands;
constexpr size_t kNeutralHashes = 32;
constexpr size_t kNeutralBands = 16;                                // x 2 values
constexpr size_t kNeutralRows = kNeutralHashes / kNeutralBands;
constexpr uint64_t kNeutralSeed = 0x6e657574ull;                    // keeps the two MinHash families apart
constexpr uint64_t kNeutralBandSeed = 1000;
constexpr int64_t kUndated = std::numeric_limits<int64_t>::max();
constexpr size_t kMinLemmaBytes = 3;
constexpr size_t kMinSharedTerms = 2;   // for two sentences to align
constexpr size_t kMaxStoryCandidates = 64;  // per document, from its story

// splitmix64 finaliser: the i-th hash function of a MinHash family.
inline uint32_t MinHashValue(uint64_t element, uint64_t function) {
  uint64_t z = element + 0x9e3779b97f4a7c15ull * (function + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return static_cast<uint32_t>(z >> 32);
}

void MinHash(const std::vector<uint64_t>& elements, size_t n_hashes, uint64_t seed, std::vector<uint32_t>* out) {
  out->assign(n_hashes, std::numeric_limits<uint32_t>::max());
  for (uint64_t element : elements) {
    for (size_t i = 0; i < n_hashes; ++i) {
      uint32_t v = MinHashValue(element, seed + i);
      if (v < (*out)[i]) (*out)[i] = v;
    }
  }
}

void LowerInto(std::string_view text, std::string* out) {
  out->assign(text);
  for (char& c : *out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

uint32_t TermHash(std::string_view prefix, std::string_view term, std::string* buffer) {
  buffer->assign(prefix);
  buffer->append(term);
  uint32_t h = static_cast<uint32_t>(XXH3_64bits(buffer->data(), buffer->size()));
  return h == CopyFingerprint::kSentenceEnd ? h - 1 : h;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int64_t FirstDay(const std::string& date) {
  auto parsed = PartialDate::Parse(date);
  return parsed ? DateInterval(*parsed).first : kUndated;
}

// The sentences of a fingerprint as [begin, end) ranges of `sentences`.
std::vector<std::pair<size_t, size_t>> SentenceRanges(const std::vector<uint32_t>& terms) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t begin = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (terms[i] == CopyFingerprint::kSentenceEnd) {
      out.emplace_back(begin, i);
      begin = i + 1;
    }
  }
  return out;
}

// Dice overlap of two sorted ranges; 0 when they share fewer than
// kMinSharedTerms terms (one shared name or number is no evidence).
double Dice(const uint32_t* a, size_t na, const uint32_t* b, size_t nb) {
  if (na == 0 || nb == 0) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < na && j < nb) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  if (common < kMinSharedTerms) return 0;
  return 2.0 * static_cast<double>(common) / static_cast<double>(na + nb);
}

// The LSH band keys of a fingerprint: text bands (same-language copies) and
// neutral bands (translations).
void BandKeys(const CopyFingerprint& print, std::vector<uint64_t>* text, std::vector<uint64_t>* neutral) {
  text->clear();
  neutral->clear();
  if (print.minhash.size() == CopyFingerprint::kTextHashes) {
    for (size_t band = 0; band < kTextBands; ++band) {
      text->push_back(XXH3_64bits_withSeed(&print.minhash[band * kTextRows], kTextRows * sizeof(uint32_t), band));
    }
  }
  std::vector<uint64_t> terms;
  for (uint32_t term : print.sentences) {
    if (term != CopyFingerprint::kSentenceEnd) terms.push_back(term);
  }
  if (terms.empty()) return;
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  std::vector<uint32_t> values;
  MinHash(terms, kNeutralHashes, kNeutralSeed, &values);
  for (size_t band = 0; band < kNeutralBands; ++band) {
    neutral->push_back(XXH3_64bits_withSeed(&values[band * kNeutralRows], kNeutralRows * sizeof(uint32_t),
                                            kNeutralBandSeed + band));
  }
}

}  // namespace

const char* CopyKindName(CopyKind kind) {
  switch (kind) {
    case CopyKind::kExact: return "exact";
    case CopyKind::kNear: return "near";
    case CopyKind::kTranslation: return "translation";
  }
  return "near";
}

std::optional<CopyKind> ParseCopyKind(std::string_view name) {
  for (CopyKind kind : {CopyKind::kExact, CopyKind::kNear, CopyKind::kTranslation}) {
    if (name == CopyKindName(kind)) return kind;
  }
  return std::nullopt;
}

CopyFingerprint Fingerprint(const Document& doc, const StringStore& strings, LemmaBridge* bridge) {
  CopyFingerprint print;
  print.key = doc.key();
  print.lang = doc.lang();
  if (doc.metadata().has_date) print.date = doc.metadata().date.ToString();
  print.story = doc.extractions().story;
  print.machine_translation = doc.extractions().machine_translation;

  // Words: lower-cased surface forms of word and number tokens.
  const std::vector<TokenData>& tokens = doc.tokens();
  std::vector<uint64_t> words;
  words.reserve(tokens.size());
  std::string lower;
  for (const TokenData& token : tokens) {
    if (token.kind != TokenKind::kWord && token.kind != TokenKind::kNumber) continue;
    LowerInto(doc.NormText(token), &lower);
    words.push_back(XXH3_64bits(lower.data(), lower.size()));
  }
  if (!words.empty()) {
    print.text_hash = XXH3_64bits(words.data(), words.size() * sizeof(uint64_t));
    std::vector<uint64_t> shingles;
    size_t width = std::min(kShingleWords, words.size());
    shingles.reserve(words.size() - width + 1);
    for (size_t i = 0; i + width <= words.size(); ++i) {
      shingles.push_back(XXH3_64bits(&words[i], width * sizeof(uint64_t)));
    }
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
    print.n_shingles = static_cast<uint32_t>(shingles.size());
    MinHash(shingles, CopyFingerprint::kTextHashes, 0, &print.minhash);
  }

  // Language-neutral terms per sentence.
  std::vector<std::vector<uint32_t>> per_sentence(doc.sentences().size());
  std::string buffer;
  auto add = [&](uint32_t sentence, std::string_view prefix, std::string_view term) {
    if (sentence < per_sentence.size() && !term.empty()) {
      per_sentence[sentence].push_back(TermHash(prefix, term, &buffer));
    }
  };
  const Extractions& ex = doc.extractions();
  for (const Mention& m : ex.mentions) add(m.sentence, "e:", m.entity);
  for (const PlaceMention& p : ex.places) add(p.sentence, "p:", p.place);
  for (const TimeExpression& t : ex.times) add(t.sentence, "t:", t.value);
  std::vector<std::string> pivot;
  for (const TokenData& token : tokens) {
    if (token.kind == TokenKind::kNumber) {
      std::string_view text = doc.NormText(token);
      if (AllDigits(text)) add(token.sentence, "n:", text);
      continue;
    }
    if (token.kind != TokenKind::kWord || (token.flags & kTokenMultiwordContinuation)) continue;
    if (token.pos != Pos::kNoun && token.pos != Pos::kProperNoun && token.pos != Pos::kVerb &&
        token.pos != Pos::kAdjective) {
      continue;
    }
    std::string_view lemma = token.lemma != StringStore::kNone ? strings.Get(token.lemma) : doc.NormText(token);
    if (lemma.size() < kMinLemmaBytes) continue;
    LowerInto(lemma, &lower);
    pivot.clear();
    if (bridge != nullptr && token.pos != Pos::kProperNoun && bridge->Translate(lower, token.pos, &pivot) > 0) {
      for (const std::string& key : pivot) add(token.sentence, "x:", key);
    } else if (token.pos == Pos::kProperNoun) {
      add(token.sentence, "l:", lower);  // names are spelt alike across languages
    }
  }
  for (std::vector<uint32_t>& terms : per_sentence) {
    if (terms.empty()) continue;
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    print.sentences.insert(print.sentences.end(), terms.begin(), terms.end());
    print.sentences.push_back(CopyFingerprint::kSentenceEnd);
  }
  return print;
}

double EstimatedJaccard(const CopyFingerprint& a, const CopyFingerprint& b) {
  if (a.minhash.size() != CopyFingerprint::kTextHashes || b.minhash.size() != CopyFingerprint::kTextHashes) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < CopyFingerprint::kTextHashes; ++i) equal += a.minhash[i] == b.minhash[i];
  return static_cast<double>(equal) / static_cast<double>(CopyFingerprint::kTextHashes);
}

double TranslationScore(const CopyFingerprint& a, const CopyFingerprint& b, double sentence_match,
                        size_t* aligned) {
  std::vector<std::pair<size_t, size_t>> sa = SentenceRanges(a.sentences), sb = SentenceRanges(b.sentences);
  if (aligned) *aligned = 0;
  if (sa.empty() || sb.empty()) return 0;
  // Monotone alignment maximising the summed Dice of matched sentence pairs
  // (pairs below sentence_match do not count); count = pairs aligned.
  struct Cell {
    double weight = 0;
    size_t count = 0;
  };
  const size_t cols = sb.size() + 1;
  std::vector<Cell> prev(cols), cur(cols);
  for (size_t i = 1; i <= sa.size(); ++i) {
    cur[0] = Cell{};
    const uint32_t* ta = a.sentences.data() + sa[i - 1].first;
    size_t na = sa[i - 1].second - sa[i - 1].first;
    for (size_t j = 1; j < cols; ++j) {
      Cell best = prev[j].weight >= cur[j - 1].weight ? prev[j] : cur[j - 1];
      double sim = Dice(ta, na, b.sentences.data() + sb[j - 1].first, sb[j - 1].second - sb[j - 1].first);
      if (sim >= sentence_match && prev[j - 1].weight + sim > best.weight) {
        best = Cell{prev[j - 1].weight + sim, prev[j - 1].count + 1};
      }
      cur[j] = best;
    }
    std::swap(prev, cur);
  }
  const Cell& end = prev[cols - 1];
  if (aligned) *aligned = end.count;
  // The share of both documents' sentences that align.
  return 2.0 * static_cast<double>(end.count) / static_cast<double>(sa.size() + sb.size());
}

std::optional<CopyMatch> CompareCopies(const CopyFingerprint& a, const CopyFingerprint& b, const CopyOptions& options) {
  if (a.key == b.key) return std::nullopt;
  const bool same_language = a.lang == b.lang || a.lang.empty() || b.lang.empty();
  if (same_language) {
    if (a.text_hash != 0 && a.text_hash == b.text_hash) return CopyMatch{CopyKind::kExact, 1.0, "copy.exact"};
    if (std::min(a.n_shingles, b.n_shingles) < options.min_shingles) return std::nullopt;
    double jaccard = EstimatedJaccard(a, b);
    if (jaccard >= options.near_jaccard) return CopyMatch{CopyKind::kNear, jaccard, "copy.near.jaccard"};
    // |A ∩ B| from Jaccard and the set sizes, over the shorter set.
    double n_a = a.n_shingles, n_b = b.n_shingles;
    double containment = std::min(1.0, jaccard / (1.0 + jaccard) * (n_a + n_b) / std::min(n_a, n_b));
    if (containment >= options.near_containment) {
      return CopyMatch{CopyKind::kNear, containment, "copy.near.containment"};
    }
    return std::nullopt;
  }
  size_t aligned = 0;
  double score = TranslationScore(a, b, options.sentence_match, &aligned);
  double threshold = (a.machine_translation || b.machine_translation) ? options.translation_mt : options.translation;
  if (aligned >= options.min_aligned_sentences && score >= threshold) {
    return CopyMatch{CopyKind::kTranslation, score, "copy.translation"};
  }
  return std::nullopt;
}

// --- CopyDetector ------------------------------------------------------------

int CopyDetector::NodeOf(const std::string& key, const std::string& date) {
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  Node node;
  node.print.key = key;
  node.print.date = date;
  node.day = FirstDay(date);
  node.parent = static_cast<int>(nodes_.size());
  node.members.push_back(node.parent);
  nodes_.push_back(std::move(node));
  by_key_.emplace(key, nodes_.back().parent);
  return nodes_.back().parent;
}

int CopyDetector::Find(int node) {
  while (nodes_[node].parent != node) {
    nodes_[node].parent = nodes_[nodes_[node].parent].parent;
    node = nodes_[node].parent;
  }
  return node;
}

int CopyDetector::FindConst(int node) const {
  while (nodes_[node].parent != node) node = nodes_[node].parent;
  return node;
}

bool CopyDetector::Before(int a, int b) const {
  const Node& x = nodes_[a];
  const Node& y = nodes_[b];
  if (x.day != y.day) return x.day < y.day;
  if (x.print.machine_translation != y.print.machine_translation) return !x.print.machine_translation;
  return x.print.key < y.print.key;
}

void CopyDetector::Union(int a, int b, const CopyMatch& match) {
  int ra = Find(a), rb = Find(b);
  if (ra == rb) return;
  int root = Before(ra, rb) ? ra : rb;
  int child = root == ra ? rb : ra;
  // The old origin becomes a copy: without a match of its own, it is known
  // by the match that joined the groups.
  if (!nodes_[child].best) nodes_[child].best = match;
  nodes_[child].parent = root;
  std::vector<int>& members = nodes_[root].members;
  members.insert(members.end(), nodes_[child].members.begin(), nodes_[child].members.end());
  nodes_[child].members.clear();
  nodes_[child].members.shrink_to_fit();
}

void CopyDetector::Offer(int node, const CopyMatch& match) {
  std::optional<CopyMatch>& best = nodes_[node].best;
  if (!best || match.kind < best->kind || (match.kind == best->kind && match.similarity > best->similarity)) {
    best = match;
  }
}

void CopyDetector::Index(int node) {
  Node& n = nodes_[node];
  if (!n.banded) {
    BandKeys(n.print, &n.text_keys, &n.neutral_keys);
    n.banded = true;
  }
  for (uint64_t key : n.text_keys) text_bands_[key].push_back(node);
  for (uint64_t key : n.neutral_keys) neutral_bands_[key].push_back(node);
  if (!nodes_[node].print.story.empty()) by_story_[nodes_[node].print.story].push_back(node);
  live_.push_back(node);
}

void CopyDetector::Evict(int64_t before_day) {
  auto stale = [&](int i) { return nodes_[i].day != kUndated && nodes_[i].day < before_day; };
  auto first_stale = std::stable_partition(live_.begin(), live_.end(), [&](int i) { return !stale(i); });
  // Each evicted node leaves its buckets (small lists), so the cost is that of
  // the evicted documents, not of the window.
  auto leave = [](auto& index, const auto& bucket_key, int node) {
    auto it = index.find(bucket_key);
    if (it == index.end()) return;
    std::vector<int>& nodes = it->second;
    nodes.erase(std::remove(nodes.begin(), nodes.end(), node), nodes.end());
    if (nodes.empty()) index.erase(it);
  };
  for (auto it = first_stale; it != live_.end(); ++it) {
    Node& n = nodes_[*it];
    n.evicted = true;
    for (uint64_t key : n.text_keys) leave(text_bands_, key, *it);
    for (uint64_t key : n.neutral_keys) leave(neutral_bands_, key, *it);
    if (!n.print.story.empty()) leave(by_story_, n.print.story, *it);
  }
  live_.erase(first_stale, live_.end());
}

std::vector<int> CopyDetector::Candidates(int node) {
  Node& n = nodes_[node];
  if (!n.banded) {
    BandKeys(n.print, &n.text_keys, &n.neutral_keys);
    n.banded = true;
  }
  const std::vector<uint64_t>& text = n.text_keys;
  const std::vector<uint64_t>& neutral = n.neutral_keys;
  std::vector<int> out;
  auto collect = [&](const std::unordered_map<uint64_t, std::vector<int>>& bands, const std::vector<uint64_t>& keys) {
    for (uint64_t key : keys) {
      auto it = bands.find(key);
      if (it != bands.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
  };
  collect(text_bands_, text);
  collect(neutral_bands_, neutral);
  // The story's latest documents in another language (same-language copies
  // meet in the text bands).
  if (!nodes_[node].print.story.empty()) {
    auto it = by_story_.find(nodes_[node].print.story);
    if (it != by_story_.end()) {
      size_t taken = 0;
      for (auto c = it->second.rbegin(); c != it->second.rend() && taken < kMaxStoryCandidates; ++c) {
        if (nodes_[*c].print.lang == nodes_[node].print.lang) continue;
        out.push_back(*c);
        ++taken;
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove_if(out.begin(), out.end(), [&](int c) { return c == node || nodes_[c].evicted; }),
            out.end());
  return out;
}

void CopyDetector::Restore(const CopyWindowData& window) {
  for (const CopyFingerprint& print : window.fingerprints) {
    int node = NodeOf(print.key, print.date);
    if (nodes_[node].has_print) continue;  // known already: ours is as new
    nodes_[node].print = print;
    nodes_[node].day = FirstDay(print.date);
    nodes_[node].has_print = true;
    Index(node);
  }
  for (const CopyRecord& record : window.copies) {
    if (records_.count(record.key)) continue;
    int copy = NodeOf(record.key, "");
    int origin = NodeOf(record.origin, record.origin_date);
    Offer(copy, CopyMatch{record.kind, record.similarity, record.rule});
    Union(copy, origin, CopyMatch{record.kind, record.similarity, record.rule});
    records_[record.key] = record;
  }
}

std::vector<CopyRecord> CopyDetector::AddBatch(const std::vector<CopyFingerprint>& batch) {
  int64_t first_day = kUndated;
  for (const CopyFingerprint& print : batch) first_day = std::min(first_day, FirstDay(print.date));
  if (first_day != kUndated) Evict(first_day - options_.window_days);

  std::vector<int> touched;
  for (const CopyFingerprint& print : batch) {
    auto known = by_key_.find(print.key);
    if (known != by_key_.end() && nodes_[known->second].has_print) continue;
    int node = NodeOf(print.key, print.date);
    nodes_[node].print = print;
    nodes_[node].day = FirstDay(print.date);
    nodes_[node].has_print = true;
    touched.push_back(node);
    for (int candidate : Candidates(node)) {
      if (!nodes_[candidate].has_print) continue;
      std::optional<CopyMatch> match = CompareCopies(nodes_[node].print, nodes_[candidate].print, options_);
      if (!match) continue;
      Offer(node, *match);
      Offer(candidate, *match);
      Union(node, candidate, *match);
    }
    Index(node);
  }
  // Records of every member of a group a new document touched.
  std::vector<int> roots;
  for (int node : touched) roots.push_back(Find(node));
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  std::vector<CopyRecord> out;
  for (int root : roots) {
    for (int member : nodes_[root].members) {
      std::optional<CopyRecord> record = RecordOf(member);
      if (!record) continue;
      auto it = records_.find(record->key);
      if (it != records_.end() && it->second.origin == record->origin && it->second.kind == record->kind &&
          it->second.rule == record->rule && it->second.similarity == record->similarity) {
        continue;
      }
      records_[record->key] = *record;
      out.push_back(std::move(*record));
    }
  }
  std::sort(out.begin(), out.end(), [](const CopyRecord& x, const CopyRecord& y) { return x.key < y.key; });
  return out;
}

std::optional<CopyRecord> CopyDetector::RecordOf(int node) const {
  int root = FindConst(node);
  if (root == node) return std::nullopt;
  CopyRecord record;
  record.key = nodes_[node].print.key;
  record.origin = nodes_[root].print.key;
  record.origin_date = nodes_[root].print.date;
  CopyMatch best = nodes_[node].best.value_or(CopyMatch{CopyKind::kNear, 0, "copy.group"});
  record.kind = best.kind;
  record.similarity = best.similarity;
  record.rule = best.rule;
  return record;
}

std::optional<CopyRecord> CopyDetector::CopyOf(const std::string& key) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  return RecordOf(it->second);
}

}  // namespace cronaca
