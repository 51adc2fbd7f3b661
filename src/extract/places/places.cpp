#include "extract/places/places.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

#include "common/resource_text.h"
#include "common/resources.h"
#include "extract/places/edits.h"
#include "extract/places/fold.h"
#include "morph/morphology.h"

namespace cronaca {

namespace {

using places::FoldResult;
using places::FoldWords;
using places::Gazetteer;
using places::NameEntry;
using places::NameMatch;
using places::Place;
using places::PlaceKind;

// Longest name, in tokens (hyphens and apostrophes count).
constexpr uint32_t kMaxNameTokens = 12;
// Context rules (see places.h).
constexpr int64_t kPersonNamePopulation = 500000;
constexpr int64_t kWordLikePopulation = 1000000;
constexpr int64_t kShortNamePopulation = 100000;
constexpr uint16_t kShortNameLetters = 4;
// Typo rule.
constexpr int64_t kTypoPopulation = 100000;
constexpr uint32_t kTypoMinLetters = 5;
// Scores.
constexpr int64_t kUnpeopledPopulation = 1000000;
constexpr double kNotAllowed = -1e300;
constexpr double kCountryPrior = 1.0;
constexpr double kRegionPrior = -1.5;
constexpr double kAreaPrior = 0.5;
constexpr double kCountryEvidence = 0.8;
constexpr double kRegionEvidence = 3.0;
constexpr double kHomeCountryEvidence = 0.4;
// A paragraph's own language counts above this confidence (the segmenter's rule).
constexpr float kTrustParagraph = 0.6f;
// A sentence is a title-case headline when at least this many of its longer
// words (after the first) start with a capital...
constexpr size_t kTitleCaseMinWords = 4;
constexpr size_t kTitleCaseShareNumerator = 7;  // ... and at least 7 in 10 of them
constexpr size_t kTitleCaseShareDenominator = 10;
constexpr size_t kTitleCaseWordBytes = 4;

// Conditions a candidate still has to meet once the document's evidence is known.
enum CandidateNeed : uint8_t {
  kNeedNothing = 0,
  kNeedNamedCountryOrRegion = 1u << 0,  // a common word ("Reading")
  kNeedAnyCountryEvidence = 1u << 1,    // a short name ("Lodi")
  kNeedNamedRegion = 1u << 2,           // a common word and a small place ("Alliance")
};


bool IsPersonClass(ProperClass cls) {
  return cls == ProperClass::kGivenName || cls == ProperClass::kSurname || cls == ProperClass::kPerson;
}

bool IsAlpha3(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

Result<PlaceLanguageRules> ParsePlaceLanguageRules(std::string_view text, const std::string& file_name) {
  PlaceLanguageRules rules;
  Status status = ForEachKeyValue(text, file_name, [&](std::string_view key, std::string_view value,
                                                       size_t line_no) -> Status {
    auto error = [&](const std::string& why) { return LineError(file_name, line_no, why); };
    if (key == "locative") {
      size_t start = 0;
      while (start < value.size()) {
        size_t space = value.find(' ', start);
        if (space == std::string_view::npos) space = value.size();
        std::string_view word = value.substr(start, space - start);
        start = space + 1;
        if (word.empty()) continue;
        std::string folded = places::Fold(word);
        if (folded.empty() || folded.find(' ') != std::string::npos) {
          return error("a locative is one word, got '" + std::string(word) + "'");
        }
        rules.locatives.push_back(std::move(folded));
      }
    } else if (key == "home_country") {
      if (!IsAlpha3(value)) return error("home_country must be an ISO 3166-1 alpha-3 code, got '" + std::string(value) + "'");
      rules.home_country = std::string(value);
    } else {
      return error("unknown key '" + std::string(key) + "' (expected locative or home_country)");
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  std::sort(rules.locatives.begin(), rules.locatives.end());
  rules.locatives.erase(std::unique(rules.locatives.begin(), rules.locatives.end()), rules.locatives.end());
  return rules;
}

namespace {

class PlacesStage final : public Stage {
 public:
  PlacesStage(PipelineContext* context, std::shared_ptr<const Gazetteer> gazetteer,
              std::map<std::string, PlaceLanguageRules> languages)
      : context_(context), gazetteer_(std::move(gazetteer)), languages_(std::move(languages)) {
    for (const Place& place : gazetteer_->places()) {
      if (place.kind == PlaceKind::kCountry && !place.country.empty()) country_codes_.insert(place.country);
    }
  }

  std::string_view name() const override { return "cronaca.Places.v1"; }
  LayerSet requires_layers() const override { return kLayerTokens | kLayerSentences | kLayerLanguage; }
  LayerSet assigns_layers() const override { return 0; }

  Status Process(Document& doc) override {
    std::vector<PlaceMention>& out = doc.extractions().places;
    out.clear();
    if (doc.tokens().empty()) return Status::Ok();
    has_morphology_ = (doc.layers() & kLayerMorphology) != 0;
    PrepareSentences(doc);
    MarkActorTokens(doc);
    FindMatches(doc);
    CollectEvidence(doc);
    Resolve(doc, &out);
    if (has_morphology_) CorrectTypos(doc, &out);
    std::sort(out.begin(), out.end(), [](const PlaceMention& a, const PlaceMention& b) {
      return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end < b.span.end;
    });
    return Status::Ok();
  }

 private:
  struct SentenceInfo {
    uint32_t first_word = 0;  // token index of the first word
    bool title_case = false;
    const PlaceLanguageRules* rules = nullptr;
  };
  struct Match {
    uint32_t begin = 0, end = 0;  // tokens [begin, end)
    uint32_t sentence = 0;
    uint32_t candidate_begin = 0, candidate_end = 0;  // in candidates_
    bool accepted = false;
  };
  struct Candidate {
    uint32_t place = places::kNoPlace;
    const NameEntry* entry = nullptr;
    uint8_t needs = kNeedNothing;
  };

  // --- per-document preparation -------------------------------------------

  void PrepareSentences(const Document& doc) {
    const std::vector<Sentence>& sentences = doc.sentences();
    const std::vector<TokenData>& tokens = doc.tokens();
    sentence_info_.assign(sentences.size(), SentenceInfo{});
    for (size_t sent_idx = 0; sent_idx < sentences.size(); ++sent_idx) {
      const Sentence& sentence = sentences[sent_idx];
      SentenceInfo& info = sentence_info_[sent_idx];
      info.first_word = sentence.token_end;
      size_t long_words = 0, capitalised = 0;
      for (uint32_t token_idx = sentence.token_begin; token_idx < sentence.token_end; ++token_idx) {
        const TokenData& token = tokens[token_idx];
        if (token.kind != TokenKind::kWord) continue;
        if (info.first_word == sentence.token_end) {
          info.first_word = token_idx;
          continue;
        }
        if (token.norm.size() < kTitleCaseWordBytes) continue;
        ++long_words;
        if (token.flags & kTokenCapitalised) ++capitalised;
      }
      info.title_case = long_words >= kTitleCaseMinWords &&
                        capitalised * kTitleCaseShareDenominator >= long_words * kTitleCaseShareNumerator;
      const std::string* lang = &doc.lang();
      if (sentence.paragraph < doc.paragraphs().size()) {
        const Paragraph& paragraph = doc.paragraphs()[sentence.paragraph];
        if (!paragraph.lang.empty() && paragraph.lang_confidence >= kTrustParagraph) lang = &paragraph.lang;
      }
      auto it = languages_.find(*lang);
      info.rules = it == languages_.end() ? &no_rules_ : &it->second;
    }
  }

  // Tokens inside the names of people and organisations found by an earlier
  // actors stage. Descriptions resolved to a person ("capo della
  // delegazione di Kiev", resolution kTitle or kEpithet) keep their places.
  void MarkActorTokens(const Document& doc) {
    const std::vector<TokenData>& tokens = doc.tokens();
    actor_token_.assign(tokens.size(), 0);
    for (const Mention& mention : doc.extractions().mentions) {
      if (mention.type != MentionType::kPerson && mention.type != MentionType::kOrganisation) continue;
      if (mention.resolution != Resolution::kDirect && mention.resolution != Resolution::kSurname) continue;
      auto first = std::lower_bound(tokens.begin(), tokens.end(), mention.span.begin,
                                    [](const TokenData& t, Offset begin) { return t.span.end <= begin; });
      for (auto it = first; it != tokens.end() && it->span.begin < mention.span.end; ++it) {
        actor_token_[static_cast<size_t>(it - tokens.begin())] =
            mention.type == MentionType::kPerson ? kActorPerson : kActorOrganisation;
      }
    }
  }

  bool IsJoiner(const Document& doc, const TokenData& token) const {
    if (token.kind != TokenKind::kPunct) return false;
    std::string_view text = doc.NormText(token);
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c == '-' || c == '\'' || c == '.'; });
  }

  // The word token right before / after `token_idx` in its sentence, or
  // kNoIndex.
  uint32_t PreviousWord(const Document& doc, uint32_t token_idx) const {
    const Sentence& sentence = doc.sentences()[doc.tokens()[token_idx].sentence];
    if (token_idx == sentence.token_begin) return kNoIndex;
    const TokenData& prev = doc.tokens()[token_idx - 1];
    return prev.kind == TokenKind::kWord ? token_idx - 1 : kNoIndex;
  }
  uint32_t NextWord(const Document& doc, uint32_t token_idx) const {
    const Sentence& sentence = doc.sentences()[doc.tokens()[token_idx].sentence];
    if (token_idx + 1 >= sentence.token_end) return kNoIndex;
    const TokenData& next = doc.tokens()[token_idx + 1];
    return next.kind == TokenKind::kWord ? token_idx + 1 : kNoIndex;
  }

  bool IsCapitalised(const TokenData& token) const { return (token.flags & kTokenCapitalised) != 0; }

  bool IsLocative(const Document& doc, uint32_t token_idx, const PlaceLanguageRules& rules) {
    if (token_idx == kNoIndex || rules.locatives.empty()) return false;
    scratch_.clear();
    FoldWords(doc.NormText(doc.tokens()[token_idx]), &scratch_);
    return std::binary_search(rules.locatives.begin(), rules.locatives.end(), scratch_);
  }

  // The lexicon reads the token as a common word (its lemma is lower case).
  bool IsWordLike(const TokenData& token) const {
    if (!has_morphology_ || !(token.flags & kTokenKnown) || token.lemma == StringStore::kNone) return false;
    if (token.pos == Pos::kProperNoun) return false;
    if (token.pos == Pos::kAdjective) return true;  // "Somali police", "Western allies"
    std::string_view lemma = context_->strings.Get(token.lemma);
    if (lemma.empty()) return false;
    int32_t pos = 0;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(lemma.data()), pos, static_cast<int32_t>(lemma.size()), c);
    return c >= 0 && u_islower(c);
  }

  // --- matching ---------------------------------------------------------

  void FindMatches(const Document& doc) {
    matches_.clear();
    candidates_.clear();
    covered_.assign(doc.tokens().size(), 0);
    for (uint32_t sent_idx = 0; sent_idx < doc.sentences().size(); ++sent_idx) {
      const Sentence& sentence = doc.sentences()[sent_idx];
      uint32_t token_idx = sentence.token_begin;
      while (token_idx < sentence.token_end) {
        uint32_t end = LongestMatch(doc, sentence, token_idx);
        if (end == 0) {
          ++token_idx;
          continue;
        }
        for (uint32_t k = token_idx; k < end; ++k) covered_[k] = 1;
        AddMatch(doc, sent_idx, token_idx, end);
        token_idx = end;
      }
    }
  }

  // Returns the end token of the longest name starting at `begin`, or 0; the
  // name's entries and the text's capitals are left in best_entries_ and
  // best_mask_.
  uint32_t LongestMatch(const Document& doc, const Sentence& sentence, uint32_t begin) {
    const std::vector<TokenData>& tokens = doc.tokens();
    const TokenData& first = tokens[begin];
    if (first.kind != TokenKind::kWord || !IsCapitalised(first)) return 0;
    key_.clear();
    uint32_t text_mask = 0;
    uint32_t words = 0;
    uint32_t best_end = 0;
    uint32_t limit = std::min(sentence.token_end, begin + kMaxNameTokens);
    for (uint32_t token_idx = begin; token_idx < limit; ++token_idx) {
      const TokenData& token = tokens[token_idx];
      if (token_idx > begin && IsJoiner(doc, token)) continue;
      if (token.kind != TokenKind::kWord && token.kind != TokenKind::kNumber) break;
      FoldResult fold = FoldWords(doc.NormText(token), &key_);
      if (fold.words == 0) break;
      if (words < 32) text_mask |= fold.capital_mask << words;
      words += fold.words;
      if (token_idx == begin && !(fold.capital_mask & 1u)) return 0;
      NameMatch match = gazetteer_->Find(key_);
      if (!match.known()) break;
      for (const NameEntry& entry : match.entries) {
        if ((entry.capital_mask & ~text_mask) == 0) {
          best_end = token_idx + 1;
          best_entries_ = match.entries;
          best_mask_ = text_mask;
          break;
        }
      }
      if (!match.has_longer) break;
    }
    return best_end;
  }

  void AddMatch(const Document& doc, uint32_t sent_idx, uint32_t begin, uint32_t end) {
    const std::vector<TokenData>& tokens = doc.tokens();
    Match match;
    match.begin = begin;
    match.end = end;
    match.sentence = sent_idx;
    match.candidate_begin = match.candidate_end = static_cast<uint32_t>(candidates_.size());
    for (uint32_t k = begin; k < end; ++k) {
      if (actor_token_[k]) {
        matches_.push_back(match);  // rule "actors": nothing accepted
        return;
      }
    }
    // Rule "unit": the lexicon reads the tokens as part of a longer name
    // ("European Union" for "Union", "Paris Saint-Germain" for "Paris").
    if ((tokens[begin].flags & kTokenMultiwordContinuation) ||
        (end < tokens.size() && (tokens[end].flags & kTokenMultiwordContinuation))) {
      matches_.push_back(match);
      return;
    }
    const SentenceInfo& info = sentence_info_[sent_idx];
    const bool single = end - begin == 1;
    // Rule "before a name": an unknown capitalised word follows, so the
    // place names something else ("Shangri-La Dialogue", "Nord Stream").
    const uint32_t after = end < doc.sentences()[sent_idx].token_end ? end : kNoIndex;
    const bool before_name = after != kNoIndex && tokens[after].kind == TokenKind::kWord && has_morphology_ &&
                             IsCapitalised(tokens[after]) && !(tokens[after].flags & kTokenKnown) &&
                             !info.title_case;
    bool locative = false, person_token = false, word_like = false, inside_name = false;
    if (single) {
      const TokenData& token = tokens[begin];
      uint32_t prev = PreviousWord(doc, begin);
      uint32_t next = NextWord(doc, begin);
      locative = IsLocative(doc, prev, *info.rules);
      // Rule "person": a given name before, a known surname after, or a
      // given name followed by any capitalised word ("da Vladimir Medinsky").
      if (prev != kNoIndex && IsCapitalised(tokens[prev]) && !locative &&
          (tokens[prev].proper == ProperClass::kGivenName || tokens[prev].proper == ProperClass::kPerson)) {
        matches_.push_back(match);
        return;
      }
      if (next != kNoIndex && IsCapitalised(tokens[next]) &&
          ((!locative && (tokens[next].flags & kTokenKnown) && IsPersonClass(tokens[next].proper)) ||
           token.proper == ProperClass::kGivenName)) {
        matches_.push_back(match);
        return;
      }
      // Rule "inside": a capitalised word before that is neither a common
      // word nor the sentence's first ("NATO Military Alliance").
      inside_name = prev != kNoIndex && !locative && prev != info.first_word && !info.title_case &&
                    IsCapitalised(tokens[prev]) && !IsWordLike(tokens[prev]);
      person_token = IsPersonClass(token.proper);
      word_like = IsWordLike(token);
      // Rule "word": a common word opening a sentence or in a headline.
      if (word_like && (begin == info.first_word || info.title_case)) {
        matches_.push_back(match);
        return;
      }
    }
    uint32_t last_place = places::kNoPlace;
    for (const NameEntry& entry : best_entries_) {
      if ((entry.capital_mask & ~best_mask_) != 0) continue;
      if (entry.place == last_place) continue;  // entries of a key are grouped by place
      last_place = entry.place;
      const Place& place = gazetteer_->place(entry.place);
      // Populations of regions and areas are sums (or unknown): only cities
      // and countries are "big" enough to outweigh a reading as a word.
      const bool settlement = place.kind == PlaceKind::kCity || place.kind == PlaceKind::kCountry;
      // Rule "name".
      if (person_token && !locative && !(settlement && place.population >= kPersonNamePopulation)) continue;
      // Rules "inside" and "before a name".
      if ((inside_name || before_name) && !(settlement && place.population >= kWordLikePopulation)) continue;
      Candidate candidate;
      candidate.place = entry.place;
      candidate.entry = &entry;
      // Rule "word" elsewhere.
      if (word_like && !locative && !(settlement && place.population >= kWordLikePopulation)) {
        candidate.needs |= place.population >= kShortNamePopulation ? kNeedNamedCountryOrRegion : kNeedNamedRegion;
      }
      // Rule "short".
      if (entry.letters <= kShortNameLetters && !entry.curated && place.population < kShortNamePopulation) {
        candidate.needs |= kNeedAnyCountryEvidence;
      }
      candidates_.push_back(candidate);
    }
    match.candidate_end = static_cast<uint32_t>(candidates_.size());
    match.accepted = match.candidate_end > match.candidate_begin;
    matches_.push_back(match);
  }

  // --- evidence and choice ---------------------------------------------

  void AddCountry(std::string_view country, std::vector<std::string_view>* set) {
    if (country.empty()) return;
    if (std::find(set->begin(), set->end(), country) == set->end()) set->push_back(country);
  }
  static bool Has(const std::vector<std::string_view>& set, std::string_view country) {
    return !country.empty() && std::find(set.begin(), set.end(), country) != set.end();
  }
  bool HasRegion(uint32_t region) const {
    return region != places::kNoPlace && std::find(regions_.begin(), regions_.end(), region) != regions_.end();
  }

  void CollectEvidence(const Document& doc) {
    countries_.clear();
    named_countries_.clear();
    regions_.clear();
    for (const Match& match : matches_) {
      if (!match.accepted) continue;
      bool pending = false;
      std::string_view country;
      bool one_country = true;
      for (uint32_t c = match.candidate_begin; c < match.candidate_end; ++c) {
        const Candidate& candidate = candidates_[c];
        if (candidate.needs != kNeedNothing) pending = true;
        const Place& place = gazetteer_->place(candidate.place);
        if (c == match.candidate_begin) {
          country = place.country;
        } else if (place.country != country) {
          one_country = false;
        }
      }
      if (pending) continue;
      if (one_country) AddCountry(country, &countries_);
      if (match.candidate_end - match.candidate_begin != 1) continue;
      const uint32_t index = candidates_[match.candidate_begin].place;
      const Place& place = gazetteer_->place(index);
      if (place.kind == PlaceKind::kCountry) AddCountry(place.country, &named_countries_);
      uint32_t region = place.kind == PlaceKind::kRegion ? index : place.region;
      if (region != places::kNoPlace && !HasRegion(region)) regions_.push_back(region);
    }
    // Actor codes start with a country code ("RUSGOV", "UKR").
    for (const Mention& mention : doc.extractions().mentions) {
      if (mention.code.size() < 3) continue;
      std::string_view code = std::string_view(mention.code).substr(0, 3);
      auto it = country_codes_.find(std::string(code));
      if (it == country_codes_.end()) continue;
      AddCountry(*it, &countries_);
      if (mention.type == MentionType::kCountry) AddCountry(*it, &named_countries_);
    }
    for (std::string_view country : named_countries_) AddCountry(country, &countries_);
  }

  // The AMBIGUITY score of places.h; -infinity when the candidate's needs
  // are not met.
  double Score(uint32_t index, uint8_t needs, const PlaceLanguageRules& rules) const {
    const Place& place = gazetteer_->place(index);
    const bool country_named = Has(countries_, place.country);
    const bool region_named = HasRegion(place.kind == PlaceKind::kRegion ? index : place.region);
    const bool home = !rules.home_country.empty() && place.country == rules.home_country;
    if ((needs & kNeedNamedCountryOrRegion) && !country_named && !region_named) return kNotAllowed;
    if ((needs & kNeedNamedRegion) && !region_named) return kNotAllowed;
    if ((needs & kNeedAnyCountryEvidence) && !country_named && !region_named && !home) return kNotAllowed;
    // Areas and sites without a population (seas, bases) rank like a
    // well-known place: "Red Sea" is the sea before Sudan's Red Sea state.
    const bool unpeopled =
        (place.kind == PlaceKind::kArea || place.kind == PlaceKind::kSite) && place.population == 0;
    double score = std::log10(static_cast<double>(unpeopled ? kUnpeopledPopulation : place.population) + 1.0);
    if (place.kind == PlaceKind::kCountry) score += kCountryPrior;
    if (place.kind == PlaceKind::kRegion) score += kRegionPrior;
    if (place.kind == PlaceKind::kArea) score += kAreaPrior;
    if (country_named) score += kCountryEvidence;
    if (region_named) score += kRegionEvidence;
    if (home) score += kHomeCountryEvidence;
    return score;
  }

  void Resolve(const Document& doc, std::vector<PlaceMention>* out) {
    const std::vector<TokenData>& tokens = doc.tokens();
    for (const Match& match : matches_) {
      if (!match.accepted) continue;
      const PlaceLanguageRules& rules = *sentence_info_[match.sentence].rules;
      const Candidate* best = nullptr;
      double best_score = 0;
      for (uint32_t c = match.candidate_begin; c < match.candidate_end; ++c) {
        const Candidate& candidate = candidates_[c];
        const double score = Score(candidate.place, candidate.needs, rules);
        if (score == kNotAllowed) continue;
        if (!best || score > best_score) {
          best = &candidate;
          best_score = score;
        }
      }
      if (!best) continue;
      PlaceMention mention = MakeMention(*best->entry, match.sentence);
      mention.span = Span{tokens[match.begin].span.begin, tokens[match.end - 1].span.end};
      out->push_back(std::move(mention));
    }
  }

  PlaceMention MakeMention(const NameEntry& entry, uint32_t sentence) const {
    const Place& place = gazetteer_->place(entry.place);
    PlaceMention mention;
    mention.sentence = sentence;
    mention.place = place.id;
    mention.name = place.name;
    mention.country = place.country;
    mention.kind = places::PlaceKindName(place.kind);
    mention.latitude = place.latitude;
    mention.longitude = place.longitude;
    mention.population = place.population;
    mention.rule = "places.name.";
    mention.rule += places::NameSourceName(entry.source);
    if (entry.source == places::NameSource::kResource) {
      mention.rule.push_back(':');
      mention.rule.append(std::to_string(entry.line));
    }
    return mention;
  }

  // --- typos -------------------------------------------------------------

  // Folded words used as part of a person's name somewhere in the document:
  // after a capitalised given name, or inside a person mention.
  void CollectPersonWords(const Document& doc) {
    person_words_.clear();
    const std::vector<TokenData>& tokens = doc.tokens();
    for (uint32_t token_idx = 0; token_idx < tokens.size(); ++token_idx) {
      const TokenData& token = tokens[token_idx];
      if (token.kind != TokenKind::kWord || !IsCapitalised(token)) continue;
      bool person = actor_token_[token_idx] == kActorPerson;
      uint32_t prev = PreviousWord(doc, token_idx);
      if (prev != kNoIndex && IsCapitalised(tokens[prev]) && tokens[prev].proper == ProperClass::kGivenName) {
        person = true;
      }
      uint32_t next = NextWord(doc, token_idx);
      if (token.proper == ProperClass::kGivenName && next != kNoIndex && IsCapitalised(tokens[next])) {
        person = true;  // the given name itself
      }
      if (!person) continue;
      person_words_.insert(places::Fold(doc.NormText(token)));
    }
  }

  // ", Danimarca" / ", in Danimarca" after the word: an accepted country or
  // region mention starts there.
  bool FollowedByCountryOrRegion(const Document& doc, uint32_t token_idx, const std::vector<PlaceMention>& out,
                                 const PlaceLanguageRules& rules) {
    const std::vector<TokenData>& tokens = doc.tokens();
    const Sentence& sentence = doc.sentences()[tokens[token_idx].sentence];
    uint32_t k = token_idx + 1;
    if (k >= sentence.token_end || doc.NormText(tokens[k]) != ",") return false;
    ++k;
    if (k < sentence.token_end && IsLocative(doc, k, rules)) ++k;
    if (k >= sentence.token_end) return false;
    Offset start = tokens[k].span.begin;
    for (const PlaceMention& mention : out) {
      if (mention.span.begin == start && (mention.kind == std::string_view("country") || mention.kind == std::string_view("region"))) {
        return true;
      }
    }
    return false;
  }

  void CorrectTypos(const Document& doc, std::vector<PlaceMention>* out) {
    const std::vector<TokenData>& tokens = doc.tokens();
    bool person_words_ready = false;
    for (uint32_t token_idx = 0; token_idx < tokens.size(); ++token_idx) {
      const TokenData& token = tokens[token_idx];
      if (token.kind != TokenKind::kWord || covered_[token_idx] || actor_token_[token_idx]) continue;
      if (!IsCapitalised(token) || (token.flags & (kTokenKnown | kTokenAllCaps))) continue;
      if (IsPersonClass(token.proper)) continue;
      key_.clear();
      FoldResult fold = FoldWords(doc.NormText(token), &key_);
      if (fold.words != 1 || fold.letters < kTypoMinLetters) continue;
      const SentenceInfo& info = sentence_info_[token.sentence];
      uint32_t prev = PreviousWord(doc, token_idx);
      uint32_t next = NextWord(doc, token_idx);
      const bool locative = IsLocative(doc, prev, *info.rules);
      if (prev != kNoIndex && IsCapitalised(tokens[prev]) && !locative) continue;
      if (next != kNoIndex && IsCapitalised(tokens[next])) continue;
      if (!locative && !FollowedByCountryOrRegion(doc, token_idx, *out, *info.rules)) continue;
      if (!person_words_ready) {
        CollectPersonWords(doc);
        person_words_ready = true;
      }
      if (person_words_.count(key_)) continue;
      // Every place one edit away that qualifies. One place, or one name of
      // several places (then the usual score chooses), is a correction;
      // different names of different places are not.
      const NameEntry* found = nullptr;
      std::string found_key;
      double found_score = kNotAllowed;
      bool several_places = false, several_names = false;
      const std::string word = key_;
      places::ForEachOneEdit(word, &edit_scratch_, [&](std::string_view variant) {
        if (variant.empty() || variant[0] != word[0]) return;
        NameMatch match = gazetteer_->Find(variant);
        for (const NameEntry& entry : match.entries) {
          if (entry.words != 1 || entry.letters < kTypoMinLetters) continue;
          const Place& place = gazetteer_->place(entry.place);
          if (place.kind != PlaceKind::kCity && place.kind != PlaceKind::kCountry) continue;
          const bool large = place.population >= kTypoPopulation;
          const bool in_named_country = place.kind == PlaceKind::kCity && Has(named_countries_, place.country);
          if (!large && !in_named_country) continue;
          if (found && found->place != entry.place) {
            several_places = true;
            if (variant != found_key) several_names = true;
          }
          const double score = Score(entry.place, kNeedNothing, *info.rules);
          if (!found || score > found_score) {
            found = &entry;
            found_key.assign(variant);
            found_score = score;
          }
        }
      });
      if (!found || (several_places && several_names)) continue;
      const bool by_population = gazetteer_->place(found->place).population >= kTypoPopulation;
      PlaceMention mention = MakeMention(*found, token.sentence);
      mention.span = token.span;
      mention.rule = by_population ? "places.typo.population" : "places.typo.country";
      mention.correction = std::string(doc.Text(token.span)) + " → " + std::string(gazetteer_->Display(*found));
      out->push_back(std::move(mention));
    }
  }

  static constexpr uint8_t kActorPerson = 1;
  static constexpr uint8_t kActorOrganisation = 2;

  PipelineContext* context_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::map<std::string, PlaceLanguageRules> languages_;
  PlaceLanguageRules no_rules_;
  std::unordered_set<std::string> country_codes_;
  bool has_morphology_ = false;

  // Scratch, reused across documents.
  std::vector<SentenceInfo> sentence_info_;
  std::vector<uint8_t> actor_token_;
  std::vector<uint8_t> covered_;
  std::vector<Match> matches_;
  std::vector<Candidate> candidates_;
  std::span<const NameEntry> best_entries_;
  uint32_t best_mask_ = 0;
  std::string key_;
  std::string scratch_;
  std::string edit_scratch_;
  std::vector<std::string_view> countries_;        // named or implied by a place
  std::vector<std::string_view> named_countries_;  // named as countries
  std::vector<uint32_t> regions_;
  std::unordered_set<std::string> person_words_;
};

Result<std::map<std::string, PlaceLanguageRules>> LoadLanguageRules(const std::filesystem::path& resource_dir) {
  std::map<std::string, PlaceLanguageRules> languages;
  std::error_code ec;
  if (!std::filesystem::is_directory(resource_dir, ec)) return languages;
  for (const auto& entry : std::filesystem::directory_iterator(resource_dir, ec)) {
    std::filesystem::path path = entry.path() / "places.txt";
    if (!entry.is_directory() || !std::filesystem::is_regular_file(path, ec)) continue;
    Result<std::string> text = ReadFile(path);
    if (!text.ok()) return text.status();
    Result<PlaceLanguageRules> rules = ParsePlaceLanguageRules(*text, path.string());
    if (!rules.ok()) return rules.status();
    languages.emplace(entry.path().filename().string(), std::move(*rules));
  }
  return languages;
}

}  // namespace

Result<std::unique_ptr<Stage>> MakePlaces(PipelineContext* context,
                                          std::shared_ptr<const places::Gazetteer> gazetteer,
                                          std::filesystem::path resource_dir) {
  Result<std::map<std::string, PlaceLanguageRules>> languages = LoadLanguageRules(resource_dir);
  if (!languages.ok()) return languages.status();
  return std::unique_ptr<Stage>(new PlacesStage(context, std::move(gazetteer), std::move(*languages)));
}

Result<std::unique_ptr<Stage>> MakePlaces(PipelineContext* context) {
  Result<std::shared_ptr<const Gazetteer>> gazetteer = Gazetteer::Default();
  if (!gazetteer.ok()) return gazetteer.status();
  return MakePlaces(context, *gazetteer, ResourceDir());
}

}  // namespace cronaca
