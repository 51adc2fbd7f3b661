#include "extract/events/events.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "common/annotations.h"
#include "common/resources.h"
#include "extract/events/cameo.h"
#include "extract/events/event_patterns.h"

namespace cronaca {
namespace {

// How far (in tokens) the slot rules look.
constexpr uint32_t kObjectWindow = 10;    // OBJ: first actor within this many tokens after the match
constexpr uint32_t kPrepWindow = 10;      // PREP/AGENT: the preposition within this many after the trigger
constexpr uint32_t kPrepToActor = 6;      // ...and the actor within this many after it
constexpr uint32_t kElidedSubjectReach = 3;  // an elided subject: the match starts this close to the sentence start
constexpr uint32_t kAgentGap = 3;        // passive: the agent preposition this close after the match
constexpr uint32_t kAuxAgentGap = 8;     // ...or this close after a match with a passive auxiliary before it
constexpr uint32_t kAuxBefore = 3;       // the passive auxiliary this close before the match (adverbs between)
constexpr uint32_t kNegationWindow = 3;   // negation this close before the match
constexpr uint32_t kIntentWindow = 6;     // intent word this close before the match
constexpr uint32_t kAllegedWindow = 6;    // conditional/hearsay this close before the match
constexpr uint32_t kGenitiveBefore = 2;   // "Israeli strikes", "Russia's attacks"
constexpr uint64_t kOtherClausePenalty = uint64_t{1} << 40;    // DateOf: a time expression in another clause...
constexpr uint64_t kStartingPointPenalty = uint64_t{1} << 41;  // ...and one after "dal"/"since" rank behind
constexpr float kAllegedConfidence = 0.7f;
constexpr float kCliticConfidence = 0.8f;

// A compiled word list: ids in the pipeline's StringStore.
using IdSet = std::unordered_set<uint32_t>;

struct CompiledElement {
  PatternElement::Kind kind;
  std::vector<uint32_t> ids;  // kWord alternatives
  std::string prefix;         // kPrefix
  char pos = 0;               // 'N', 'V' or 0
};

struct CompiledPattern {
  const EventPattern* source = nullptr;
  std::vector<CompiledElement> elements;
  uint32_t order = 0;  // file order, for ties
};

struct LanguageEvents {
  EventRules rules;
  std::vector<CompiledPattern> patterns;
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_trigger;  // word id -> patterns
  std::vector<uint32_t> prefix_triggers;                           // patterns with a prefix trigger
  IdSet negation, alleged, intent, clitic, coord, boundary, nonsubject, agent, genitive, between, since, passive, purpose;
  std::unordered_map<std::string, IdSet> preps;
  std::string lang;
};

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

class EventCoder final : public Stage {
 public:
  EventCoder(PipelineContext* context, const CameoTable* cameo) : context_(context), cameo_(cameo) {}

  std::string_view name() const override { return "cronaca.Events.v1"; }
  LayerSet requires_layers() const override {
    return kLayerTokens | kLayerSentences | kLayerLanguage | kLayerMorphology | kLayerMentions | kLayerTimes;
  }
  LayerSet assigns_layers() const override { return kLayerEvents; }

  Status Process(Document& doc) override {
    doc.extractions().events.clear();
    Result<LanguageEvents*> lang = ForLanguage(doc.lang());
    if (!lang.ok()) return lang.status();
    lang_ = *lang;
    if (!lang_) return Status::Ok();
    Prepare(doc);
    seen_.clear();
    for (uint32_t sent_idx = 0; sent_idx < doc.sentences().size(); ++sent_idx) CodeSentence(doc, sent_idx);
    return Status::Ok();
  }

 private:
  // --- resources -------------------------------------------------------------
  Result<LanguageEvents*> ForLanguage(const std::string& lang) {
    if (lang.empty()) return static_cast<LanguageEvents*>(nullptr);
    auto it = languages_.find(lang);
    if (it != languages_.end()) return it->second.get();
    std::unique_ptr<LanguageEvents> le;
    std::filesystem::path path = ResourceDir() / lang / "events.txt";
    if (std::filesystem::exists(path)) {
      Result<std::string> text = ReadFile(path);
      if (!text.ok()) return text.status();
      Result<EventRules> rules = ParseEventRules(*text, path.string(), *cameo_);
      if (!rules.ok()) return rules.status();
      le = std::make_unique<LanguageEvents>();
      le->rules = std::move(*rules);
      le->lang = lang;
      Compile(le.get());
    }
    LanguageEvents* raw = le.get();
    languages_.emplace(lang, std::move(le));
    return raw;
  }

  IdSet CompileList(const std::vector<std::string>& words) {
    IdSet out;
    for (const std::string& w : words) out.insert(context_->strings.Intern(LowerAscii(w)));
    return out;
  }

  void Compile(LanguageEvents* le) {
    const EventRules& r = le->rules;
    le->negation = CompileList(r.negation);
    le->alleged = CompileList(r.alleged);
    le->intent = CompileList(r.intent);
    le->clitic = CompileList(r.clitic);
    le->coord = CompileList(r.coord);
    le->boundary = CompileList(r.boundary);
    le->nonsubject = CompileList(r.nonsubject);
    le->agent = CompileList(r.agent);
    le->genitive = CompileList(r.genitive);
    le->between = CompileList(r.between);
    le->since = CompileList(r.since);
    le->passive = CompileList(r.passive);
    le->purpose = CompileList(r.purpose);
    for (const auto& [prep_name, words] : r.preps) le->preps[prep_name] = CompileList(words);
    for (uint32_t pattern_idx = 0; pattern_idx < r.patterns.size(); ++pattern_idx) {
      const EventPattern& p = r.patterns[pattern_idx];
      CompiledPattern cp;
      cp.source = &p;
      cp.order = pattern_idx;
      for (const PatternElement& e : p.elements) {
        CompiledElement ce;
        ce.kind = e.kind;
        ce.pos = e.pos;
        if (e.kind == PatternElement::Kind::kWord) {
          for (const std::string& w : e.words) ce.ids.push_back(context_->strings.Intern(LowerAscii(w)));
        } else if (e.kind == PatternElement::Kind::kPrefix) {
          ce.prefix = LowerAscii(e.words[0]);
        }
        cp.elements.push_back(std::move(ce));
      }
      le->patterns.push_back(std::move(cp));
    }
    // Longer patterns first, then file order: the order candidates are tried in.
    std::stable_sort(le->patterns.begin(), le->patterns.end(), [](const CompiledPattern& a, const CompiledPattern& b) {
      return a.elements.size() > b.elements.size();
    });
    for (uint32_t idx = 0; idx < le->patterns.size(); ++idx) {
      const CompiledElement& trig = le->patterns[idx].elements[le->patterns[idx].source->trigger];
      if (trig.kind == PatternElement::Kind::kPrefix) {
        le->prefix_triggers.push_back(idx);
      } else {
        for (uint32_t id : trig.ids) le->by_trigger[id].push_back(idx);
      }
    }
  }

  // --- per document scratch ----------------------------------------------------
  void Prepare(const Document& doc) {
    const auto& tokens = doc.tokens();
    size_t n = tokens.size();
    lemma_.assign(n, StringStore::kNone);
    form_.assign(n, StringStore::kNone);
    pos_.assign(n, Pos::kUnknown);
    lower_.clear();
    lower_begin_.assign(n + 1, 0);
    for (size_t token_idx = 0; token_idx < n; ++token_idx) {
      lemma_[token_idx] = tokens[token_idx].lemma;
      pos_[token_idx] = tokens[token_idx].pos;
      lower_begin_[token_idx] = static_cast<uint32_t>(lower_.size());
      std::string_view text = doc.NormText(tokens[token_idx]);
      for (char c : text) lower_.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      lower_begin_[token_idx + 1] = static_cast<uint32_t>(lower_.size());
      form_[token_idx] = context_->strings.Find(Lower(token_idx));
    }
    // Which actor mention covers each token (only mentions with an actor code).
    mention_at_.assign(n, kNoIndex);
    const auto& mentions = doc.extractions().mentions;
    mentions_ = &mentions;
    mention_first_.assign(mentions.size(), 0);
    mention_last_.assign(mentions.size(), 0);
    for (uint32_t m = 0; m < mentions.size(); ++m) {
      auto first = std::lower_bound(tokens.begin(), tokens.end(), mentions[m].span.begin,
                                    [](const TokenData& t, Offset off) { return t.span.end <= off; });
      uint32_t first_idx = static_cast<uint32_t>(first - tokens.begin());
      uint32_t last_idx = first_idx;
      for (uint32_t t = first_idx; t < n && tokens[t].span.begin < mentions[m].span.end; ++t) {
        last_idx = t;
        if (!mentions[m].code.empty()) mention_at_[t] = m;
      }
      mention_first_[m] = first_idx;
      mention_last_[m] = last_idx;
    }
    // Which place mention covers each token (for PREP slots that name a place).
    place_at_.assign(n, kNoIndex);
    const auto& places = doc.extractions().places;
    for (uint32_t pl = 0; pl < places.size(); ++pl) {
      if (places[pl].country.empty()) continue;
      auto first = std::lower_bound(tokens.begin(), tokens.end(), places[pl].span.begin,
                                    [](const TokenData& t, Offset off) { return t.span.end <= off; });
      for (auto it = first; it != tokens.end() && it->span.begin < places[pl].span.end; ++it) {
        place_at_[it - tokens.begin()] = pl;
      }
    }
    used_.assign(n, 0);
    // Hyphens inside a word ("Iran-Israele"): a "-" with no space on either side.
    word_hyphen_.assign(n, 0);
    for (size_t token_idx = 1; token_idx + 1 < n; ++token_idx) {
      word_hyphen_[token_idx] = Lower(token_idx) == "-" && tokens[token_idx - 1].span.end == tokens[token_idx].span.begin &&
                                tokens[token_idx].span.end == tokens[token_idx + 1].span.begin;
    }
  }

  // A place after preposition list `preps` (after the trigger) whose country can stand for the
  // target when no actor is named: "è arrivato ad Aarhus" -> DNK. Returns the place or kNoIndex.
  uint32_t PlaceAfterPreposition(const IdSet& preps, uint32_t from, uint32_t se) const {
    for (uint32_t t = from; t < se && t < from + kPrepWindow; ++t) {
      if (In(lang_->boundary, t)) return kNoIndex;
      if (!In(preps, t)) continue;
      for (uint32_t u = t + 1; u < se && u < t + 1 + kPrepToActor; ++u) {
        if (place_at_[u] != kNoIndex) return place_at_[u];
        if (In(lang_->boundary, u)) return kNoIndex;
      }
    }
    return kNoIndex;
  }

  std::string_view Lower(size_t token_idx) const {
    return std::string_view(lower_).substr(lower_begin_[token_idx], lower_begin_[token_idx + 1] - lower_begin_[token_idx]);
  }
  bool In(const IdSet& set, uint32_t token_idx) const {
    return (lemma_[token_idx] != StringStore::kNone && set.count(lemma_[token_idx])) ||
           (form_[token_idx] != StringStore::kNone && set.count(form_[token_idx]));
  }
  bool ElementMatches(const CompiledElement& e, uint32_t token_idx) const {
    if (e.pos == 'N' && pos_[token_idx] != Pos::kNoun) return false;
    if (e.pos == 'V' && pos_[token_idx] != Pos::kVerb && pos_[token_idx] != Pos::kAuxiliary) return false;
    if (e.kind == PatternElement::Kind::kPrefix) return Lower(token_idx).substr(0, e.prefix.size()) == e.prefix;
    for (uint32_t id : e.ids) {
      if (id == lemma_[token_idx] || id == form_[token_idx]) return true;
    }
    return false;
  }

  // Tokens a "..." gap skips without counting them against kMaxGap.
  bool FreeInGap(uint32_t token_idx) const {
    return pos_[token_idx] == Pos::kDeterminer || pos_[token_idx] == Pos::kAdjective;
  }

  // Matches elements [elem, end) forward from token `token_idx`; returns the end token (exclusive) or -1.
  int64_t MatchForward(const CompiledPattern& p, size_t elem, uint32_t token_idx, uint32_t sent_end) const {
    if (elem == p.elements.size()) return token_idx;
    const CompiledElement& e = p.elements[elem];
    if (e.kind == PatternElement::Kind::kGap) {
      // determiners and adjectives are free: "accepted on Monday a complete and lasting truce"
      uint32_t cost = 0;
      for (uint32_t skip = 0; cost <= static_cast<uint32_t>(kMaxGap) && token_idx + skip < sent_end; ++skip) {
        if (skip > 0 && In(lang_->boundary, token_idx + skip - 1)) break;
        int64_t r = MatchForward(p, elem + 1, token_idx + skip, sent_end);
        if (r >= 0) return r;
        if (!FreeInGap(token_idx + skip)) ++cost;
      }
      return -1;
    }
    if (token_idx >= sent_end || !ElementMatches(e, token_idx)) return -1;
    return MatchForward(p, elem + 1, token_idx + 1, sent_end);
  }
  // Matches elements [0, elem] backward ending at token `token_idx`; returns the first token or -1.
  int64_t MatchBackward(const CompiledPattern& p, int64_t elem, int64_t token_idx, uint32_t sent_begin) const {
    if (elem < 0) return token_idx + 1;
    const CompiledElement& e = p.elements[elem];
    if (e.kind == PatternElement::Kind::kGap) {
      int64_t cost = 0;
      for (int64_t skip = 0; cost <= kMaxGap && token_idx - skip >= static_cast<int64_t>(sent_begin); ++skip) {
        if (skip > 0 && In(lang_->boundary, static_cast<uint32_t>(token_idx - skip + 1))) break;
        int64_t r = MatchBackward(p, elem - 1, token_idx - skip, sent_begin);
        if (r >= 0) return r;
        if (!FreeInGap(static_cast<uint32_t>(token_idx - skip))) ++cost;
      }
      return -1;
    }
    if (token_idx < static_cast<int64_t>(sent_begin) || !ElementMatches(e, static_cast<uint32_t>(token_idx))) return -1;
    return MatchBackward(p, elem - 1, token_idx - 1, sent_begin);
  }

  // --- slots -------------------------------------------------------------------
  // Adds the actors coordinated with mention `m` ("Francia e Germania"), in
  // the given direction, to `out`.
  void Coordinated(uint32_t m, bool forward, uint32_t sb, uint32_t se, std::vector<uint32_t>* out) const {
    uint32_t current = m;
    while (true) {
      if (forward) {
        uint32_t t = mention_last_[current] + 1;
        // an apposition: "il presidente azero Ilham Aliyev e ..." is one actor in two mentions
        while (t < se && mention_at_[t] != kNoIndex && mention_at_[t] != current && mention_first_[mention_at_[t]] == t &&
               SameCode(mention_at_[t], current)) {
          current = mention_at_[t];
          t = mention_last_[current] + 1;
        }
        if (t >= se || !In(lang_->coord, t)) return;
        uint32_t u = t + 1;
        // "con Biden e con il segretario della Nato": the preposition may be repeated, but not after a
        // comma ("signed by A and B, with C looking on")
        bool comma = Lower(t) == ",";
        while (u < se && (In(lang_->coord, u) || pos_[u] == Pos::kDeterminer || (!comma && In(lang_->nonsubject, u)))) ++u;
        if (u >= se || mention_at_[u] == kNoIndex || mention_first_[mention_at_[u]] != u) return;
        current = mention_at_[u];
        out->push_back(current);
      } else {
        if (mention_first_[current] == 0) return;
        int64_t t = static_cast<int64_t>(mention_first_[current]) - 1;
        // an apposition: "... e il premier armeno Nikol Pashinyan"
        while (t >= static_cast<int64_t>(sb) && mention_at_[t] != kNoIndex && mention_at_[t] != current &&
               SameCode(mention_at_[t], current)) {
          current = mention_at_[t];
          if (mention_first_[current] == 0) return;
          t = static_cast<int64_t>(mention_first_[current]) - 1;
        }
        while (t >= static_cast<int64_t>(sb) && pos_[t] == Pos::kDeterminer) --t;  // "e la Germania"
        if (t < static_cast<int64_t>(sb) || !In(lang_->coord, static_cast<uint32_t>(t))) return;
        int64_t u = t - 1;
        while (u >= static_cast<int64_t>(sb) && In(lang_->coord, static_cast<uint32_t>(u))) --u;
        if (u < static_cast<int64_t>(sb) || mention_at_[u] == kNoIndex) return;
        current = mention_at_[u];
        out->insert(out->begin(), current);
      }
    }
  }

  bool SameCode(uint32_t a, uint32_t b) const { return (*mentions_)[a].code == (*mentions_)[b].code; }

  // The agent of a passive whose subject is the match (a nominal event):
  // "sanzioni SONO STATE IMPOSTE ieri DALL'Ue", "condolences WERE SENT BY
  // Beijing": a passive auxiliary right after the match (adverbs between),
  // a verb, then the agent word within kAuxAgentGap tokens. kNoIndex if none.
  uint32_t AgentOfNominalPassive(uint32_t me, uint32_t se) const {
    uint32_t t = me;
    while (t < se && pos_[t] == Pos::kAdverb) ++t;
    if (t >= se || !In(lang_->passive, t)) return kNoIndex;
    while (t < se && (In(lang_->passive, t) || pos_[t] == Pos::kAdverb)) ++t;
    if (t >= se || pos_[t] != Pos::kVerb) return kNoIndex;
    uint32_t agent_at = AgentAfterPassive(t + 1, se);
    return agent_at != kNoIndex ? ActorAfter(agent_at + 1, kPrepToActor, se) : kNoIndex;
  }

  // A match that opens the sentence in a fronted phrase ("In visita ieri a
  // Kiev, il cancelliere tedesco Merz ha chiesto...", "Speaking in Kyiv,
  // Merz said"): the actor right after the phrase's comma (determiners and
  // appositions aside) when a verb follows it, within kPrepWindow tokens
  // and the clause. kNoIndex otherwise.
  uint32_t SubjectAfterFrontedPhrase(uint32_t me, uint32_t se) const {
    for (uint32_t t = me; t < se && t < me + kPrepWindow; ++t) {
      if (In(lang_->boundary, t)) return kNoIndex;
      if (Lower(t) != ",") continue;
      uint32_t u = t + 1;
      while (u < se && pos_[u] == Pos::kDeterminer) ++u;
      if (u >= se || mention_at_[u] == kNoIndex) return kNoIndex;
      uint32_t m = mention_at_[u];
      uint32_t after = mention_last_[m] + 1;
      while (after < se && mention_at_[after] != kNoIndex && SameCode(mention_at_[after], m)) {
        after = mention_last_[mention_at_[after]] + 1;
      }
      while (after < se && pos_[after] == Pos::kAdverb) ++after;
      if (after < se && (pos_[after] == Pos::kVerb || pos_[after] == Pos::kAuxiliary)) return m;
      return kNoIndex;
    }
    return kNoIndex;
  }

  // The first mention of the apposition chain ending at `m` ("premier
  // armeno" for "Nikol Pashinyan" in "il premier armeno Nikol Pashinyan").
  uint32_t FirstOfApposition(uint32_t m, uint32_t sb) const {
    while (mention_first_[m] > sb) {
      uint32_t before = mention_at_[mention_first_[m] - 1];
      if (before == kNoIndex || before == m || !SameCode(before, m)) break;
      m = before;
    }
    return m;
  }

  // Whether the actor `m` (its appositions and determiners aside) follows a comma.
  bool JoinedByComma(uint32_t m, uint32_t sb) const {
    int64_t t = static_cast<int64_t>(mention_first_[FirstOfApposition(m, sb)]) - 1;
    while (t >= static_cast<int64_t>(sb) && pos_[t] == Pos::kDeterminer) --t;
    return t >= static_cast<int64_t>(sb) && Lower(static_cast<uint32_t>(t)) == ",";
  }

  // Whether only auxiliaries and adverbs separate mention `m` from token `mb`.
  bool RightBefore(uint32_t m, uint32_t mb) const {
    if (mention_last_[m] >= mb) return false;
    for (uint32_t t = mention_last_[m] + 1; t < mb; ++t) {
      if (pos_[t] != Pos::kAuxiliary && pos_[t] != Pos::kAdverb) return false;
    }
    return true;
  }

  // Whether mention `m` is joined by a hyphen token to an adjacent actor ("Iran-Israele", "israeliano-iraniano");
  // a spaced dash ("JERUSALEM - Iran fired", a dateline) joins nothing.
  bool HyphenJoined(uint32_t m) const {
    uint32_t first = mention_first_[m], last = mention_last_[m];
    if (first >= 2 && word_hyphen_[first - 1] && mention_at_[first - 2] != kNoIndex && mention_at_[first - 2] != m) return true;
    return last + 2 < mention_at_.size() && word_hyphen_[last + 1] && mention_at_[last + 2] != kNoIndex &&
           mention_at_[last + 2] != m;
  }

  bool PrecededByNonSubject(uint32_t m, uint32_t sb) const {
    uint32_t first = mention_first_[m];
    if (first == sb) return false;
    uint32_t before = first - 1;
    // skip one determiner-like short word ("la Francia", "degli Stati Uniti" are one token anyway)
    if (In(lang_->nonsubject, before)) return true;
    if (before > sb && Lower(before).size() <= 3 && In(lang_->nonsubject, before - 1)) return true;
    return false;
  }

  // "ha invitato la Cina e poi la ha ricevuta": an actor right after a verb
  // (a determiner between) is that verb's object, not the next verb's subject.
  bool ObjectOfEarlierVerb(uint32_t m, uint32_t sb) const {
    int64_t t = static_cast<int64_t>(mention_first_[m]) - 1;
    while (true) {
      // determiners and adverbs between: "ha sentito oggi Donald Trump"
      while (t >= static_cast<int64_t>(sb) && (pos_[t] == Pos::kDeterminer || pos_[t] == Pos::kAdverb)) --t;
      // an apposition: "il presidente della Repubblica Sergio Mattarella"
      if (t >= static_cast<int64_t>(sb) && mention_at_[t] != kNoIndex) {
        t = static_cast<int64_t>(mention_first_[mention_at_[t]]) - 1;
        continue;
      }
      return t >= static_cast<int64_t>(sb) && pos_[t] == Pos::kVerb;
    }
  }

  // An actor right after a genitive word ("del G7", "of the G7") modifies a
  // noun; it is the subject only when no other actor in the clause can be.
  bool PrecededByGenitive(uint32_t m, uint32_t sb) const {
    uint32_t first = mention_first_[m];
    return first > sb && In(lang_->genitive, first - 1);
  }

  void Subject(uint32_t mb, uint32_t sb, std::vector<uint32_t>* out) {
    uint32_t genitive_fallback = kNoIndex;
    auto use_fallback = [&]() {
      if (genitive_fallback != kNoIndex) out->push_back(genitive_fallback);
    };
    for (int64_t t = static_cast<int64_t>(mb) - 1; t >= static_cast<int64_t>(sb); --t) {
      uint32_t m = mention_at_[t];
      if (m == kNoIndex) {
        if (In(lang_->boundary, static_cast<uint32_t>(t))) return use_fallback();
        continue;
      }
      // "nel conflitto israeliano-iraniano", "la guerra Iran-Israele": an actor joined by a hyphen to another
      // modifies a noun; it is never the subject
      if (HyphenJoined(m)) {
        t = mention_first_[m];
        continue;
      }
      // "after RSF fighters overran the city": an actor right before the verb is its subject even after a
      // `nonsubject` word (a conjunction there, not a preposition)
      if ((PrecededByNonSubject(m, sb) && !RightBefore(m, mb)) || ObjectOfEarlierVerb(m, sb)) {
        t = mention_first_[m];
        continue;
      }
      if (PrecededByGenitive(m, sb)) {
        if (genitive_fallback == kNoIndex) genitive_fallback = m;
        t = mention_first_[m];
        continue;
      }
      // The whole coordination decides: "tra Israele e Iran" is no subject.
      group_.clear();
      group_.push_back(m);
      Coordinated(m, false, sb, mb, &group_);
      if (group_.front() != m) {
        uint32_t front = FirstOfApposition(group_.front(), sb);
        bool governed = PrecededByNonSubject(front, sb) || ObjectOfEarlierVerb(front, sb);
        // "Alla presenza di Trump e del premier malese Ibrahim, il premier
        // thailandese Anutin ha firmato": a comma does not join the subject
        // to the end of a fronted phrase.
        if ((governed || PrecededByGenitive(front, sb)) && JoinedByComma(m, sb)) {
          out->push_back(m);
          return;
        }
        if (governed) {
          t = mention_first_[group_.front()];
          continue;
        }
      }
      out->insert(out->end(), group_.begin(), group_.end());
      return;
    }
    use_fallback();
  }

  // "Francia e Germania hanno condannato il lancio nel Mar del Giappone e
  // hanno chiesto...": a verb phrase joined by a coordinating word shares
  // the subject of the verb before it, so the subject search starts at that
  // verb (its auxiliaries included), not at the nearest actor, which would
  // be in the first verb's object. Returns where to start searching
  // backwards for the subject of a match that begins at `mb`.
  uint32_t CoordinatedVerbStart(uint32_t mb, uint32_t sb) const {
    int64_t t = static_cast<int64_t>(mb) - 1;
    while (t >= static_cast<int64_t>(sb) && (pos_[t] == Pos::kAuxiliary || pos_[t] == Pos::kAdverb)) --t;
    if (t <= static_cast<int64_t>(sb) || !In(lang_->coord, static_cast<uint32_t>(t)) || Lower(t) == ",") return mb;
    // The previous verb of the sentence, within the clause.
    for (int64_t v = t - 1; v >= static_cast<int64_t>(sb); --v) {
      if (In(lang_->boundary, static_cast<uint32_t>(v))) return mb;
      if (mention_at_[v] != kNoIndex) {
        // an actor before any verb: "Francia e Germania" is a coordinated subject, not a verb phrase
        bool verb_before = false;
        for (int64_t u = v - 1; u >= static_cast<int64_t>(sb) && !verb_before; --u) verb_before = pos_[u] == Pos::kVerb;
        if (!verb_before) return mb;
        continue;
      }
      if (pos_[v] != Pos::kVerb) continue;
      while (v > static_cast<int64_t>(sb) && (pos_[v - 1] == Pos::kAuxiliary || pos_[v - 1] == Pos::kAdverb)) --v;
      return static_cast<uint32_t>(v);
    }
    return mb;
  }

  // A passive auxiliary ("è stato", "was", "has been") right before the
  // match, adverbs aside: "è stato poi respinto", "was formally signed".
  bool PassiveAuxiliaryBefore(uint32_t mb, uint32_t sb) const {
    for (uint32_t k = 1; k <= kAuxBefore && mb >= sb + k; ++k) {
      uint32_t t = mb - k;
      if (In(lang_->passive, t)) return true;
      if (pos_[t] != Pos::kAdverb) return false;
    }
    return false;
  }

  // The agent word ("da", "by") of a passive within kAuxAgentGap tokens
  // after the match, in the same clause (no boundary word, comma or verb
  // between): "signed in Lima last week BY". kNoIndex if none.
  uint32_t AgentAfterPassive(uint32_t me, uint32_t se) const {
    for (uint32_t t = me; t < se && t < me + kAuxAgentGap; ++t) {
      if (In(lang_->agent, t)) return t;
      if (In(lang_->boundary, t) || Lower(t) == "," || pos_[t] == Pos::kVerb) return kNoIndex;
    }
    return kNoIndex;
  }

  uint32_t ActorAfter(uint32_t from, uint32_t limit, uint32_t se) const {
    for (uint32_t t = from; t < se && t < from + limit; ++t) {
      if (mention_at_[t] != kNoIndex) return mention_at_[t];
      if (In(lang_->boundary, t)) return kNoIndex;
    }
    return kNoIndex;
  }

  void AfterPreposition(const IdSet& preps, uint32_t from, uint32_t sb, uint32_t se, std::vector<uint32_t>* out) const {
    for (uint32_t t = from; t < se && t < from + kPrepWindow; ++t) {
      if (In(lang_->boundary, t)) return;
      if (!In(preps, t)) continue;
      uint32_t m = ActorAfter(t + 1, kPrepToActor, se);
      if (m == kNoIndex) continue;
      out->push_back(m);
      Coordinated(m, true, sb, se, out);
      return;
    }
  }

  void Genitive(uint32_t trigger, uint32_t me, uint32_t sb, uint32_t se, std::vector<uint32_t>* out) const {
    // an adjective right after the noun ("raid israeliani")
    if (me < se && mention_at_[me] != kNoIndex) {
      out->push_back(mention_at_[me]);
      return;
    }
    // an adjective or possessive right before it ("Israeli strikes", "Russia's attacks")
    for (int64_t t = static_cast<int64_t>(trigger) - 1;
         t >= static_cast<int64_t>(sb) && t >= static_cast<int64_t>(trigger) - 1 - kGenitiveBefore; --t) {
      // not across a comma or a clause boundary ("al vertice del G7, nuove sanzioni")
      if (mention_at_[t] == kNoIndex && (Lower(t) == "," || In(lang_->boundary, static_cast<uint32_t>(t)))) break;
      if (mention_at_[t] != kNoIndex) {
        out->push_back(mention_at_[t]);
        Coordinated(mention_at_[t], false, sb, se, out);
        return;
      }
    }
    // a genitive right after the noun or its adjective ("l'invasione russa dell'Ucraina" has
    // already returned; "l'attacco della Russia", "the invasion of Ukraine")
    for (uint32_t t = me; t < se && t < me + 2; ++t) {
      if (!In(lang_->genitive, t)) continue;
      uint32_t m = ActorAfter(t + 1, kPrepToActor, se);
      if (m != kNoIndex) {
        out->push_back(m);
        Coordinated(m, true, sb, se, out);
      }
      return;
    }
  }

  void Between(uint32_t from, uint32_t se, uint32_t* first, uint32_t* second) const {
    for (uint32_t t = from; t < se && t < from + kPrepWindow; ++t) {
      if (!In(lang_->between, t)) continue;
      uint32_t a = ActorAfter(t + 1, kPrepToActor, se);
      if (a == kNoIndex) return;
      uint32_t u = mention_last_[a] + 1;
      // an apposition: "tra il cancelliere tedesco Olaf Scholz e ..." may be two adjacent mentions
      while (u < se && mention_at_[u] != kNoIndex && mention_first_[mention_at_[u]] == u) u = mention_last_[mention_at_[u]] + 1;
      if (u >= se || !In(lang_->coord, u)) return;
      uint32_t b = ActorAfter(u + 1, kPrepToActor, se);
      if (b == kNoIndex) return;
      *first = a;
      *second = b;
      return;
    }
  }

  // The nearest actor before token `before` (this or earlier sentences) whose code differs from `not_code`.
  uint32_t Antecedent(uint32_t before, const std::string& not_code, const Document& doc) const {
    const auto& mentions = doc.extractions().mentions;
    for (int64_t t = static_cast<int64_t>(before) - 1; t >= 0; --t) {
      uint32_t m = mention_at_[t];
      if (m != kNoIndex && mentions[m].code != not_code) return m;
    }
    return kNoIndex;
  }

  bool Fill(const EventSlot& slot, uint32_t mb, uint32_t me, uint32_t trigger, uint32_t sb, uint32_t se,
            std::vector<uint32_t>* out) {
    switch (slot.kind) {
      case SlotKind::kNone: return true;
      case SlotKind::kPair: return false;  // filled from the sources in Code()
      case SlotKind::kSubject: Subject(CoordinatedVerbStart(mb, sb), sb, out); break;
      case SlotKind::kObject: {
        // A pattern that opens with its trigger and goes on past a gap
        // ("accusare ... crimine di guerra", "threaten ... with bombing")
        // has its object in the gap: "ha accusato Israele di crimini di guerra".
        // A trigger that is an agent's role word is its own object: "expelled two Peruvian
        // diplomats", "summoned the Russian ambassador".
        if (trigger != mb && mention_at_[trigger] != kNoIndex) {
          out->push_back(mention_at_[trigger]);
          break;
        }
        uint32_t object_from = trigger == mb && me > trigger + 1 ? trigger + 1 : me;
        uint32_t m = ActorAfter(object_from, kObjectWindow, se);
        if (m != kNoIndex) {
          out->push_back(m);
          Coordinated(m, true, sb, se, out);
        }
        break;
      }
      case SlotKind::kPrep: AfterPreposition(lang_->preps.at(slot.prep), trigger + 1, sb, se, out); break;
      case SlotKind::kAgent: AfterPreposition(lang_->agent, trigger + 1, sb, se, out); break;
      case SlotKind::kGenitive: Genitive(trigger, me, sb, se, out); break;
      case SlotKind::kBetweenFirst:
      case SlotKind::kBetweenSecond: {
        uint32_t a = kNoIndex, b = kNoIndex;
        Between(trigger + 1, se, &a, &b);
        uint32_t pick = slot.kind == SlotKind::kBetweenFirst ? a : b;
        if (pick != kNoIndex) out->push_back(pick);
        break;
      }
    }
    return !out->empty();
  }

  // "incontrarlo": the trigger's form ends with an object pronoun (the
  // `enclitic` list holds the endings, host syllable included).
  bool HasEnclitic(uint32_t token_idx) const { return EndsWithAny(token_idx, lang_->rules.enclitic); }
  bool EndsWithAny(uint32_t token_idx, const std::vector<std::string>& endings) const {
    std::string_view form = Lower(token_idx);
    for (const std::string& ending : endings) {
      if (form.size() > ending.size() && form.substr(form.size() - ending.size()) == ending) return true;
    }
    return false;
  }

  bool AnyBefore(const IdSet& set, uint32_t mb, uint32_t window, uint32_t sb) const {
    for (uint32_t k = 1; k <= window && mb >= sb + k; ++k) {
      if (In(set, mb - k)) return true;
    }
    return false;
  }

  // --- coding ------------------------------------------------------------------
  struct Candidate {
    uint32_t pattern;
    uint32_t trigger;
    uint32_t begin, end;
  };

  void CodeSentence(Document& doc, uint32_t sent_idx) {
    const Sentence& sent = doc.sentences()[sent_idx];
    uint32_t sb = sent.token_begin, se = sent.token_end;
    candidates_.clear();
    for (uint32_t t = sb; t < se; ++t) {
      // A word of an actor's name triggers nothing ("Rapid Support Forces", "Galaxy Leader"); the role
      // word of an agent may ("expelled two Russian diplomats").
      if (mention_at_[t] != kNoIndex) {
        uint8_t flags = doc.tokens()[t].flags;
        bool name_word = (flags & kTokenCapitalised) && !(flags & kTokenSentenceStart);
        if (name_word || (*mentions_)[mention_at_[t]].type != MentionType::kAgent) continue;
      }
      auto try_pattern = [&](uint32_t pattern_idx) {
        const CompiledPattern& p = lang_->patterns[pattern_idx];
        size_t trig = p.source->trigger;
        if (!ElementMatches(p.elements[trig], t)) return;
        int64_t end = MatchForward(p, trig + 1, t + 1, se);
        if (end < 0) return;
        int64_t begin = MatchBackward(p, static_cast<int64_t>(trig) - 1, static_cast<int64_t>(t) - 1, sb);
        if (begin < 0) return;
        candidates_.push_back({pattern_idx, t, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
      };
      for (uint32_t id : {lemma_[t], form_[t]}) {
        if (id == StringStore::kNone) continue;
        auto it = lang_->by_trigger.find(id);
        if (it == lang_->by_trigger.end()) continue;
        for (uint32_t pattern_idx : it->second) try_pattern(pattern_idx);
        if (lemma_[t] == form_[t]) break;
      }
      for (uint32_t pattern_idx : lang_->prefix_triggers) try_pattern(pattern_idx);
    }
    if (candidates_.empty()) return;
    // More elements first, then the longer match, then file order.
    std::sort(candidates_.begin(), candidates_.end(), [this](const Candidate& a, const Candidate& b) {
      size_t ea = lang_->patterns[a.pattern].elements.size(), eb = lang_->patterns[b.pattern].elements.size();
      if (ea != eb) return ea > eb;
      if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
      return a.pattern != b.pattern ? a.pattern < b.pattern : a.trigger < b.trigger;
    });
    for (const Candidate& c : candidates_) {
      if (used_[c.trigger]) continue;
      if (GovernsLaterTrigger(c)) continue;
      if (IsPurposeOfEarlierTrigger(c)) continue;
      if (Code(doc, sent_idx, c)) {
        for (uint32_t t = c.begin; t < c.end; ++t) used_[t] = 1;
      }
    }
  }

  // "ha minacciato di bombardare": the intent word's own pattern yields to
  // the trigger it governs, which is coded in its intent form.
  bool GovernsLaterTrigger(const Candidate& c) const {
    if (!In(lang_->intent, c.trigger)) return false;
    for (const Candidate& other : candidates_) {
      // a trigger inside c's own match ("threatened Iran with bombing") is c's complement, not governed
      if (other.begin > c.trigger && other.begin <= c.end + kIntentWindow && other.end > c.end) return true;
    }
    return false;
  }

  // "travelled to Sochi for talks with Putin", "è a Washington per colloqui
  // con Trump": a noun trigger after a `purpose` word ("for", "per";
  // determiners and adjectives between) is the aim of an earlier trigger of
  // the sentence, not an event of its own.
  bool IsPurposeOfEarlierTrigger(const Candidate& c) const {
    if (c.begin != c.trigger || pos_[c.trigger] != Pos::kNoun) return false;
    int64_t t = static_cast<int64_t>(c.begin) - 1;
    while (t >= 0 && (pos_[t] == Pos::kDeterminer || pos_[t] == Pos::kAdjective)) --t;
    if (t < 0 || !In(lang_->purpose, static_cast<uint32_t>(t))) return false;
    for (const Candidate& other : candidates_) {
      if (other.trigger < static_cast<uint32_t>(t) && other.end <= static_cast<uint32_t>(t)) return true;
    }
    return false;
  }

  // Codes one candidate; returns whether it was accepted (even if negated).
  bool Code(Document& doc, uint32_t sent_idx, const Candidate& c) {
    const Sentence& sent = doc.sentences()[sent_idx];
    uint32_t sb = sent.token_begin, se = sent.token_end;
    const EventPattern& p = *lang_->patterns[c.pattern].source;
    const auto& mentions = doc.extractions().mentions;
    sources_.clear();
    targets_.clear();
    float confidence = 1.0f;
    bool filled_target = false;
    // A passive with its auxiliary: "il rapporto è stato respinto in blocco
    // dal ministero", "a declaration was signed in Lima last week
    // by A and B". The agents are the sources even when the subject is no
    // actor; the subject, if it is one, is the target of a SUBJ -> OBJ pattern.
    bool aux_passive = false;
    uint32_t between_target = kNoIndex;  // the second of "tra X e Y" when X stands for a missing subject
    if (p.source.kind == SlotKind::kSubject &&
        (p.target.kind == SlotKind::kObject || p.target.kind == SlotKind::kNone || p.target.kind == SlotKind::kPair) &&
        PassiveAuxiliaryBefore(c.begin, sb)) {
      uint32_t agent_at = AgentAfterPassive(c.end, se);
      uint32_t m = agent_at != kNoIndex ? ActorAfter(agent_at + 1, kPrepToActor, se) : kNoIndex;
      if (m != kNoIndex) {
        aux_passive = true;
        sources_.push_back(m);
        Coordinated(m, true, sb, se, &sources_);
        if (p.target.kind == SlotKind::kObject) {
          Subject(CoordinatedVerbStart(c.begin, sb), sb, &targets_);
          filled_target = !targets_.empty();
        }
      }
    }
    if (!aux_passive) {
      if (!Fill(p.source, c.begin, c.end, c.trigger, sb, se, &sources_)) {
        // A nominal event as the subject of a passive: "Nuove sanzioni sono
        // state imposte ieri dall'Ue", "condolences were sent by Beijing".
        uint32_t nominal_agent = p.source.kind == SlotKind::kGenitive ? AgentOfNominalPassive(c.end, se) : kNoIndex;
        if (nominal_agent == kNoIndex && p.source.kind != SlotKind::kSubject) return false;
        uint32_t q = QuotationOf(doc, c.trigger);
        uint32_t fronted = kNoIndex, first = kNoIndex, second = kNoIndex;
        if (nominal_agent == kNoIndex && c.begin <= sb + kElidedSubjectReach) {
          fronted = SubjectAfterFrontedPhrase(c.end, se);
          if (fronted == kNoIndex) Between(c.trigger + 1, se, &first, &second);
        }
        if (nominal_agent != kNoIndex) {
          sources_.push_back(nominal_agent);
          Coordinated(nominal_agent, true, sb, se, &sources_);
        } else if (first != kNoIndex) {
          // A headline-style clause with no subject: "Firmato ieri a Tunisi
          // il memorandum tra l'Ue e la Tunisia": the pair after "tra".
          sources_.push_back(first);
          between_target = second;
        } else if (fronted != kNoIndex) {
          // "In visita a Kiev, il cancelliere tedesco ha chiesto...": the
          // subject of the main clause after the fronted phrase.
          sources_.push_back(fronted);
        } else if (q != kNoIndex && doc.extractions().quotes[q].speaker_mention != kNoIndex) {
          // Inside a quotation, the speaker is the source.
          sources_.push_back(doc.extractions().quotes[q].speaker_mention);
        } else {
          // A subject left implicit ("Ha poi condannato..."): the first actor
          // of the previous sentence in the same paragraph.
          // Only when the clause opens the sentence (pro-drop: "Ha poi
          // aggiunto..."), not for a verb deep inside one.
          uint32_t m = c.begin <= sb + kElidedSubjectReach ? PreviousSentenceSubject(doc, sent_idx) : kNoIndex;
          if (m == kNoIndex) return false;
          sources_.push_back(m);
          confidence = kCliticConfidence;
        }
      }
      if (between_target != kNoIndex) {
        targets_.assign(1, between_target);
        filled_target = true;
      } else {
        filled_target = Fill(p.target, c.begin, c.end, c.trigger, sb, se, &targets_);
      }
      // "Il ministro ha ricevuto alla Farnesina il suo omologo turco": an
      // object that is the source itself (its ministry, its capital) is no
      // target; the next actor within the object window is.
      if (p.target.kind == SlotKind::kObject && filled_target && sources_.size() == 1) {
        const std::string& source_code = mentions[sources_[0]].code;
        while (!targets_.empty() && SameParty(source_code, mentions[targets_.back()].code)) {
          uint32_t next_from = mention_last_[targets_.back()] + 1;
          targets_.clear();
          if (next_from >= c.end + kObjectWindow) break;
          uint32_t m = ActorAfter(next_from, c.end + kObjectWindow - next_from, se);
          if (m == kNoIndex) break;
          targets_.push_back(m);
          Coordinated(m, true, sb, se, &targets_);
        }
        filled_target = !targets_.empty();
      }
      // Passive: "condannata da Mosca", "was condemned by Russia"; for a
      // pattern without target ("l'accordo è stato firmato da X e Y") the
      // agents are the sources and there is still no target.
      if (p.source.kind == SlotKind::kSubject &&
          (p.target.kind == SlotKind::kObject || p.target.kind == SlotKind::kNone)) {
        passive_.clear();
        uint32_t agent_at = c.end;  // "condannata (ieri) da": a word or two may come between
        while (agent_at < se && agent_at < c.end + kAgentGap && !In(lang_->agent, agent_at) &&
               mention_at_[agent_at] == kNoIndex && !In(lang_->boundary, agent_at)) {
          ++agent_at;
        }
        if (agent_at < se && In(lang_->agent, agent_at)) {
          uint32_t m = ActorAfter(agent_at + 1, kPrepToActor, se);
          if (m != kNoIndex) {
            passive_.push_back(m);
            Coordinated(m, true, sb, se, &passive_);
            if (p.target.kind == SlotKind::kObject) {
              targets_ = sources_;
              filled_target = true;
            }
            sources_ = passive_;
          }
        }
      }
    }  // !aux_passive
    if (!filled_target && (p.target.kind == SlotKind::kObject)) {
      // An object clitic: "lo ha incontrato", "met him".
      // (after the verb only a pronoun, not an article: "ha ricevuto LA notizia" names no one)
      bool clitic = AnyBefore(lang_->clitic, c.begin, 2, sb) ||
                    (c.end < se && In(lang_->clitic, c.end) && pos_[c.end] != Pos::kDeterminer) ||
                    HasEnclitic(c.trigger);
      if (clitic) {
        uint32_t m = Antecedent(c.begin, mentions[sources_.front()].code, doc);
        if (m != kNoIndex) {
          targets_.push_back(m);
          filled_target = true;
          confidence = kCliticConfidence;
        }
      }
    }
    const CameoCode* base = cameo_->Find(p.code);
    // A cooperative event (roots 03-08) with a coordinated subject and no
    // other party: "Roma e Parigi hanno firmato un accordo", "India and
    // Pakistan agreed to a ceasefire" is coded once per source, each with
    // the other as target.
    int root = std::atoi(base->code.substr(0, 2).c_str());
    if ((!filled_target || p.target.kind == SlotKind::kNone) && sources_.size() == 2 &&
        ((root >= 3 && root <= 8) || p.target.kind == SlotKind::kPair)) {
      pair_ = true;
      filled_target = true;
    } else {
      pair_ = false;
    }
    // A PREP target that names a place, not an actor: its country.
    uint32_t target_place = kNoIndex;
    if (!filled_target && p.target.kind == SlotKind::kPrep) {
      target_place = PlaceAfterPreposition(lang_->preps.at(p.target.prep), c.trigger + 1, se);
      filled_target = target_place != kNoIndex;
    }
    // A reaction with no target in its sentence ("La ripresa dei raid è stata
    // condannata dal Cairo", "Kigali respinge ogni responsabilità"): roots
    // 10-13 and 016 answer the source of the previous sentence's first event.
    if (!filled_target && p.target.kind != SlotKind::kNone && !pair_ && IsReaction(base->code)) {
      uint32_t m = PreviousEventSource(doc, sent_idx);
      if (m != kNoIndex && !SameParty(mentions[sources_.front()].code, mentions[m].code)) {
        targets_.assign(1, m);
        filled_target = true;
        confidence = std::min(confidence, kCliticConfidence);
      }
    }
    // '/HOME': a protest with no named target is against the source's own government.
    bool home_target = !filled_target && p.target.home;
    filled_target = filled_target || home_target;
    if (!filled_target && p.target.kind != SlotKind::kNone && !p.target.optional) return false;
    // Negated: a cooperative event becomes its refusal ("non terrà
    // negoziati" -> 125); any other is accepted (so no weaker pattern codes
    // it) but not recorded.
    uint8_t modality = kModalityNone;
    const CameoCode* code = base;
    if (AnyBefore(lang_->negation, c.begin, kNegationWindow, sb)) {
      if (base->refusal.empty()) return true;
      code = cameo_->Find(base->refusal);
      modality |= kModalityNegated;
    }
    if (!(modality & kModalityNegated) &&
        (AnyBefore(lang_->intent, c.begin, kIntentWindow, sb) || EndsWithAny(c.trigger, lang_->rules.intent_ending)) &&
        !code->intent.empty()) {
      code = cameo_->Find(code->intent);
      modality |= kModalityIntent;
    }
    if (AnyBefore(lang_->alleged, c.begin, kAllegedWindow, sb)) {
      modality |= kModalityAlleged;
      confidence = std::min(confidence, kAllegedConfidence);
    }
    uint32_t quotation = QuotationOf(doc, c.trigger);
    if (quotation != kNoIndex) modality |= kModalityReported;
    uint32_t time = DateOf(doc, sent_idx, c.trigger);
    std::string date;
    if (time != kNoIndex) {
      date = doc.extractions().times[time].value;
      if (doc.metadata().has_date && std::atoi(date.substr(0, 4).c_str()) < doc.metadata().date.year()) {
        modality |= kModalityHistory;
      }
    }
    if (targets_.empty()) targets_.push_back(kNoIndex);
    // A reciprocal code (04x consult) between two coordinated parties is
    // one event, the first-named party as source ("X e Y si sono
    // incontrati"): the reverse would say the same thing twice.
    bool reciprocal_pair = pair_ && code->code.compare(0, 2, "04") == 0;
    for (uint32_t s : sources_) {
      if (reciprocal_pair && s != sources_[0]) continue;
      if (pair_) targets_.assign(1, s == sources_[0] ? sources_[1] : sources_[0]);
      for (uint32_t t : targets_) {
        std::string source_code = mentions[s].code;
        std::string target_code = t != kNoIndex          ? mentions[t].code
                                  : target_place != kNoIndex ? doc.extractions().places[target_place].country
                                                             : "";
        // The same actor, or a government and its own country ("UKRGOV" and "UKR"), is no interaction.
        if (s == t || SameParty(source_code, target_code)) continue;
        // A country named as an actor stands for the body that acts for it.
        if (IsBareCountry(mentions[s])) source_code += CountrySourceRole(code->code);
        if (t != kNoIndex && IsBareCountry(mentions[t])) target_code += CountryTargetRole(code->code);
        if (home_target) {
          // the source's government: only for a source with a country (not "NATO", not "WHO")
          if (!(IsBareCountry(mentions[s]) || source_code.size() == 6)) continue;
          target_code = source_code.substr(0, 3) + "GOV";
          if (target_code == source_code) continue;
        }
        // Once per document per (source, target, code); once per sentence per root.
        std::string key = source_code + "|" + target_code + "|" + code->code;
        std::string root_key = std::to_string(sent_idx) + "|" + source_code + "|" + target_code + "|" + code->code.substr(0, 2);
        if (seen_.count(key) || seen_.count(root_key)) continue;
        seen_.insert(key);
        seen_.insert(root_key);
        Event e;
        e.trigger = {doc.tokens()[c.begin].span.begin, doc.tokens()[c.end - 1].span.end};
        e.sentence = sent_idx;
        e.source_mention = s;
        e.target_mention = t;
        e.source = source_code;
        e.target = target_code;
        e.code = code->code;
        e.plover = code->plover;
        e.plover_mode = code->plover_mode;
        e.goldstein = code->goldstein;
        e.quad_class = code->quad_class;
        e.date = date;
        e.time = time;
        e.modality = modality;
        e.quotation = quotation;
        e.rule = "events." + lang_->lang + "." + p.id;
        e.confidence = confidence;
        if (target_place != kNoIndex) e.place = doc.extractions().places[target_place].place;
        doc.extractions().events.push_back(std::move(e));
      }
    }
    return true;
  }

  // A country code with no role ("RUS"), from a country name, adjective or
  // a capital used as a place; not an organisation ("WHO", "ICC") nor a person.
  static bool IsBareCountry(const Mention& m) {
    return m.code.size() == 3 && (m.type == MentionType::kCountry || m.type == MentionType::kMetonym);
  }
  // The role a bare country gets as a source (FORMAT.md actor codes): the
  // armed forces for force (roots 15 posture, 18 assault, 19 fight, 20 mass
  // violence: "la Russia ha attaccato" -> RUSMIL), its people for a protest
  // (root 14: "Israelis rallied" -> ISRCVL), else its government
  // ("la Francia ha condannato" -> FRAGOV).
  static const char* CountrySourceRole(const std::string& code) {
    int root = std::atoi(code.substr(0, 2).c_str());
    return root == 15 || root >= 18 ? "MIL" : root == 14 ? "CVL" : "GOV";
  }
  // ...and as a target: its government in the diplomatic and coercive acts
  // (roots 01-14 and 16: "ha condannato Israele" -> ISRGOV, "sanzioni alla
  // Russia" -> RUSGOV); the bare country when its territory or people are hit
  // (roots 15 and 17-20: "attacchi sull'Ucraina" -> UKR).
  static const char* CountryTargetRole(const std::string& code) {
    int root = std::atoi(code.substr(0, 2).c_str());
    return root <= 14 || root == 16 ? "GOV" : "";
  }

  // Whether two actor codes name the same party: equal, or a body and its
  // own country ("UKRGOV" and "UKR"). "TURCOP" and "TUROPP" are two parties.
  static bool SameParty(const std::string& a, const std::string& b) {
    if (a == b) return true;
    return b.size() >= 3 && a.compare(0, 3, b, 0, 3) == 0 && (a.size() == 3 || b.size() == 3);
  }

  // Codes that answer an earlier act: deny (016), demand (10), disapprove
  // (11), reject (12), threaten (13).
  static bool IsReaction(const std::string& code) {
    int root = std::atoi(code.substr(0, 2).c_str());
    return code == "016" || (root >= 10 && root <= 13);
  }

  // The source mention of the first event of the previous sentence in the
  // same paragraph, or kNoIndex.
  uint32_t PreviousEventSource(const Document& doc, uint32_t sent_idx) const {
    if (sent_idx == 0) return kNoIndex;
    if (doc.sentences()[sent_idx - 1].paragraph != doc.sentences()[sent_idx].paragraph) return kNoIndex;
    for (const Event& e : doc.extractions().events) {
      if (e.sentence == sent_idx - 1) return e.source_mention;
    }
    return kNoIndex;
  }

  uint32_t PreviousSentenceSubject(const Document& doc, uint32_t sent_idx) const {
    if (sent_idx == 0) return kNoIndex;
    const Sentence& prev = doc.sentences()[sent_idx - 1];
    if (prev.paragraph != doc.sentences()[sent_idx].paragraph) return kNoIndex;
    for (uint32_t t = prev.token_begin; t < prev.token_end; ++t) {
      uint32_t m = mention_at_[t];
      if (m != kNoIndex && !PrecededByNonSubject(m, prev.token_begin)) return m;
    }
    return kNoIndex;
  }

  uint32_t QuotationOf(const Document& doc, uint32_t token_idx) const {
    const auto& quotes = doc.extractions().quotes;
    Span span = doc.tokens()[token_idx].span;
    for (uint32_t q = 0; q < quotes.size(); ++q) {
      if (quotes[q].span.Contains(span)) return q;
    }
    return kNoIndex;
  }

  // The event's date: among the sentence's dated time expressions, the best
  // by (1) not a starting point ("dal 2022", "since 2015": the `since` list
  // right before it), (2) in the trigger's clause (no comma or boundary word
  // between them: "met on Friday, the first meeting since 2015" keeps
  // Friday; "Russia, which invaded in 2022, struck Kyiv on Friday" too),
  // (3) nearest in bytes. Returns the time index or kNoIndex.
  uint32_t DateOf(const Document& doc, uint32_t sent_idx, uint32_t token_idx) const {
    const auto& times = doc.extractions().times;
    const auto& tokens = doc.tokens();
    const Sentence& sent = doc.sentences()[sent_idx];
    Offset at = tokens[token_idx].span.begin;
    uint32_t best = kNoIndex;
    uint64_t best_rank = 0;
    for (uint32_t i = 0; i < times.size(); ++i) {
      const TimeExpression& te = times[i];
      if (te.sentence != sent_idx || te.type != TimeType::kDate || te.value.empty()) continue;
      if (te.value.size() < 4 || te.value[0] < '0' || te.value[0] > '9') continue;
      // the expression's first token
      auto first = std::lower_bound(tokens.begin() + sent.token_begin, tokens.begin() + sent.token_end, te.span.begin,
                                    [](const TokenData& t, Offset off) { return t.span.end <= off; });
      uint32_t first_idx = static_cast<uint32_t>(first - tokens.begin());
      bool starting_point = first_idx > sent.token_begin && In(lang_->since, first_idx - 1);
      if (first_idx < sent.token_end && In(lang_->since, first_idx)) starting_point = true;  // "dal" inside the span
      uint32_t lo = std::min(first_idx, token_idx), hi = std::max(first_idx, token_idx);
      bool other_clause = false;
      for (uint32_t t = lo + 1; t < hi && !other_clause; ++t) {
        other_clause = Lower(t) == "," || In(lang_->boundary, t);
      }
      Offset distance = te.span.begin > at ? te.span.begin - at : at - te.span.begin;
      // byte distances stay far below kOtherClausePenalty, so the flags decide first
      uint64_t rank = (starting_point ? kStartingPointPenalty : 0) + (other_clause ? kOtherClausePenalty : 0) + distance;
      if (best == kNoIndex || rank < best_rank) {
        best = i;
        best_rank = rank;
      }
    }
    return best;
  }

  PipelineContext* context_;
  const CameoTable* cameo_;
  std::map<std::string, std::unique_ptr<LanguageEvents>> languages_;
  LanguageEvents* lang_ = nullptr;
  const std::vector<Mention>* mentions_ = nullptr;  // the current document's
  // per-document scratch, reused
  std::vector<uint32_t> lemma_, form_, lower_begin_, mention_at_, place_at_, mention_first_, mention_last_;
  std::vector<Pos> pos_;
  std::string lower_;
  std::vector<uint8_t> used_, word_hyphen_;
  std::vector<Candidate> candidates_;
  std::vector<uint32_t> sources_, targets_, passive_;
  std::vector<uint32_t> group_;
  bool pair_ = false;  // sources_ are two parties, each the other's target
  std::unordered_set<std::string> seen_;
};

}  // namespace

Result<std::unique_ptr<Stage>> MakeEventCoder(PipelineContext* context) {
  Result<const CameoTable*> cameo = CameoTable::Default();
  if (!cameo.ok()) return cameo.status();
  return std::unique_ptr<Stage>(new EventCoder(context, *cameo));
}

}  // namespace cronaca
