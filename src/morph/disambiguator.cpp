#include "morph/disambiguator.h"

#include "morph/apertium_tags.h"

namespace cronaca::morph {

namespace {

constexpr uint32_t kNominal = PosBit(Pos::kNoun) | PosBit(Pos::kProperNoun) | PosBit(Pos::kAdjective) |
                              PosBit(Pos::kNumeral);
constexpr uint32_t kVerbal = PosBit(Pos::kVerb) | PosBit(Pos::kAuxiliary);
// Words an auxiliary may be separated from its participle by ("ha già
// detto", "si è detto", "has not been").
constexpr uint32_t kSkippable = PosBit(Pos::kAdverb) | PosBit(Pos::kPronoun);
// How far an auxiliary looks for its participle or infinitive.
constexpr int kAuxReach = 3;

// Score adjustments, in one place so their relative weights are visible.
constexpr int kRare = -2;             // imperative, enclitic
constexpr int kUnlikely = -1;         // queued multiword, interjection, numeral word
constexpr int kStrong = 3;            // capitalisation evidence
constexpr int kContext = 2;           // a clear neighbour cue
constexpr int kWeak = 1;              // a mild preference

struct Summary {
  uint32_t pos = 0;        // union of PosBit over kept readings
  uint16_t features = 0;   // union of ReadingFeature bits
  uint8_t proper = 0;      // union of 1 << ProperClass over proper readings
  bool word = false;       // a word token
  bool content = false;    // present and not punctuation (a word, number or symbol)
  bool present = false;    // the unit exists (false past either end)
};

bool Has(uint32_t set, Pos pos) { return (set & PosBit(pos)) != 0; }
bool Only(uint32_t set, uint32_t allowed) { return set != 0 && (set & ~allowed) == 0; }
bool HasProper(uint8_t set, ProperClass cls) { return (set & (1u << static_cast<uint32_t>(cls))) != 0; }

bool Kept(const UnitReadings& unit, uint32_t r) { return unit.keep == nullptr || unit.keep[r] != 0; }

Summary Summarise(const UnitReadings& unit) {
  Summary summary;
  summary.present = true;
  summary.word = (unit.cues & kCueWord) != 0;
  summary.content = (unit.cues & kCuePunctuation) == 0;
  for (uint32_t r = 0; r < unit.count; ++r) {
    if (!Kept(unit, r)) continue;
    const Reading& reading = unit.readings[r];
    summary.pos |= PosBit(reading.pos);
    summary.features |= reading.features;
    if (reading.pos == Pos::kProperNoun) summary.proper |= 1u << static_cast<uint32_t>(reading.proper);
  }
  return summary;
}

class Scorer {
 public:
  Scorer(const std::vector<UnitReadings>& units, const std::vector<Summary>& summaries)
      : units_(units), summaries_(summaries) {}

  int Score(size_t u, const Reading& reading) const {
    const UnitReadings& unit = units_[u];
    const Summary& self = summaries_[u];
    const Summary& prev = At(static_cast<long>(u) - 1);
    const Summary& next = At(static_cast<long>(u) + 1);
    const Pos pos = reading.pos;
    const uint32_t bit = PosBit(pos);
    const uint16_t features = reading.features;
    const bool finite_verb = (bit & kVerbal) && (features & kFeatureFinite);
    int score = 0;

    // Priors: rare forms down; frequent function readings up.
    if (features & (kFeatureImperative | kFeatureEnclitic)) score += kRare;
    if (features & kFeatureMultiwordQueue) score += kUnlikely;
    if (pos == Pos::kInterjection) score += kUnlikely;
    if (pos == Pos::kNumeral && self.word && (self.pos & ~PosBit(Pos::kNumeral))) score += kUnlikely;
    // "nei", "agli", "degli": in + i, a + gli, di + gli before neo, aglio, "some".
    if (pos == Pos::kPreposition && (features & kFeatureContraction)) score += kContext;
    // "sono", "era", "will": essere, will before sonare, era, a will; but
    // avere/have/dovere are decided by what follows (below).
    if (pos == Pos::kAuxiliary && (features & kFeatureFinite) && !SameLemmaAs(unit, reading, Pos::kVerb)) {
      score += kWeak;
    }
    // "il", "lo": the article before the neuter determiner or the pronoun.
    if (pos == Pos::kDeterminer && (features & kFeatureDefinite)) score += kWeak;

    // Capitals.
    const bool capitalised = (unit.cues & kCueCapitalised) && !(unit.cues & kCueAllCaps);
    if (capitalised && Has(self.pos, Pos::kProperNoun) && (self.pos & ~PosBit(Pos::kProperNoun))) {
      const bool proper = pos == Pos::kProperNoun;
      if (!(unit.cues & kCueSentenceInitial) || (unit.cues & kCueProperElsewhere)) {
        if (proper) score += kStrong;
      } else if (!proper) {
        score += kWeak;
      }
    }

    // Which proper class.
    if (pos == Pos::kProperNoun) {
      if (reading.proper == ProperClass::kSurname && HasProper(prev.proper, ProperClass::kGivenName)) score += kWeak;
      if (reading.proper == ProperClass::kGivenName && HasProper(next.proper, ProperClass::kSurname)) score += kWeak;
      if (reading.proper == ProperClass::kPlace && Has(prev.pos, Pos::kPreposition)) score += kWeak;
    }

    // Determiner or something else ("la", "his", "that", "no"): a
    // determiner before a nominal, a pronoun before a verb or at the end.
    if (Has(self.pos, Pos::kDeterminer) && (self.pos & ~PosBit(Pos::kDeterminer))) {
      const bool nominal_next = (next.pos & kNominal) != 0;
      if ((pos == Pos::kDeterminer || (features & kFeatureArticulated)) && nominal_next) score += kContext;
      if (pos == Pos::kPronoun && !(features & kFeatureRelative)) {
        if (!nominal_next && (next.pos & kVerbal)) score += kContext;
        if (!next.content) score += kWeak;
      }
    }

    // Relative pronoun or conjunction ("che", "that"): relative after a noun,
    // conjunction after a verb or adjective ("ha detto che", "sure that").
    if ((self.features & kFeatureRelative) && Has(self.pos, Pos::kConjunction)) {
      const bool after_noun = (prev.pos & (PosBit(Pos::kNoun) | PosBit(Pos::kProperNoun))) && !(prev.pos & kVerbal);
      const bool after_predicate = (prev.pos & (kVerbal | PosBit(Pos::kAdjective))) != 0;
      if ((features & kFeatureRelative) && after_noun) score += kWeak;
      if (pos == Pos::kConjunction && after_predicate && !after_noun) score += kWeak;
    }

    // Auxiliary or the same verb used lexically (avere, have, dovere).
    if (Has(self.pos, Pos::kAuxiliary) && Has(self.pos, Pos::kVerb) && !(features & kFeatureParticiple) &&
        (pos == Pos::kAuxiliary || pos == Pos::kVerb) && SameLemmaAs(unit, reading, pos == Pos::kVerb ? Pos::kAuxiliary : Pos::kVerb)) {
      const bool complement = Following(u, kFeatureParticiple | kFeatureInfinitive);
      if (pos == Pos::kAuxiliary && complement) score += kContext;
      if (pos == Pos::kVerb && !complement) score += kWeak;
    }
    // The participle or infinitive an auxiliary governs ("ha incontrato",
    // "will face"); "è stato": essere over stare.
    if ((features & (kFeatureParticiple | kFeatureInfinitive)) && PrecededByAuxiliary(u)) {
      score += kContext;
      if ((features & kFeatureParticiple) && pos == Pos::kAuxiliary) score += kWeak;
    }

    // What the previous word says.
    if (Has(prev.pos, Pos::kDeterminer)) {
      if (bit & kNominal) score += kWeak;
      if (finite_verb) score -= kWeak;
      if (Only(prev.pos, PosBit(Pos::kDeterminer) | PosBit(Pos::kPreposition)) && (bit & kNominal)) score += kWeak;
    } else if (Has(prev.pos, Pos::kPreposition)) {
      if (features & kFeatureInfinitive) score += kContext;
      if (bit & (kNominal | PosBit(Pos::kDeterminer))) score += kWeak;
      if (finite_verb && Only(prev.pos, PosBit(Pos::kPreposition))) score -= kWeak;
    } else if (Only(prev.pos, PosBit(Pos::kPronoun)) && !(prev.features & kFeatureRelative)) {
      // A clitic or subject pronoun: "si tratta", "he said".
      if (finite_verb) score += kContext;
      if (pos == Pos::kNoun) score -= kWeak;
    } else if ((prev.pos & (PosBit(Pos::kNoun) | PosBit(Pos::kProperNoun))) && !(prev.pos & kVerbal)) {
      // A subject ("il suo obiettivo era", "Auburn will") or a noun and its
      // adjective ("uso alimentare"). A word that can also be a noun may be
      // the second noun of a compound ("football team"): no verb bonus.
      if (finite_verb && !Has(self.pos, Pos::kNoun)) score += kWeak;
      if (pos == Pos::kAdjective) score += kWeak;
    }

    // Adjective or noun.
    if (Has(self.pos, Pos::kAdjective) && Has(self.pos, Pos::kNoun)) {
      const bool beside_noun = (Has(next.pos, Pos::kNoun) && !(next.pos & kVerbal)) ||
                               (Has(prev.pos, Pos::kNoun) && !Has(prev.pos, Pos::kDeterminer));
      if (pos == Pos::kAdjective && beside_noun) score += kWeak;
      if (pos == Pos::kNoun && Has(prev.pos, Pos::kDeterminer) && !Has(next.pos, Pos::kNoun)) score += kWeak;
    }

    // A possessive clitic or a verb ("'s"): possessive between a name or
    // noun and a nominal ("Ottawa's Thomas", "John's car").
    if (Has(self.pos, Pos::kOther) && (self.pos & kVerbal)) {
      const bool possessive = (prev.pos & (PosBit(Pos::kNoun) | PosBit(Pos::kProperNoun))) && (next.pos & kNominal);
      if (pos == Pos::kOther && possessive) score += kContext;
    }

    // Preposition or conjunction ("for", "before"): a conjunction before a
    // clause.
    if (Has(self.pos, Pos::kPreposition) && Has(self.pos, Pos::kConjunction)) {
      const bool clause_next = ((next.pos & kVerbal) && (next.features & (kFeatureFinite | kFeatureGerund)) &&
                                !(next.pos & kNominal)) ||
                               Only(next.pos, PosBit(Pos::kPronoun));
      if (pos == Pos::kPreposition && !clause_next) score += kWeak;
      if (pos == Pos::kConjunction && clause_next) score += kWeak;
    }
    // Conjunction or adverb ("when"): a conjunction before a clause.
    if (Has(self.pos, Pos::kConjunction) && Has(self.pos, Pos::kAdverb) && !Has(self.pos, Pos::kPreposition)) {
      const uint32_t clause_start = PosBit(Pos::kPronoun) | PosBit(Pos::kDeterminer) | PosBit(Pos::kProperNoun) |
                                    PosBit(Pos::kNoun);
      if (pos == Pos::kConjunction && (next.pos & clause_start)) score += kWeak;
    }
    // Preposition or adverb ("in", "up"): an adverb only before punctuation.
    if (Has(self.pos, Pos::kPreposition) && Has(self.pos, Pos::kAdverb)) {
      if (pos == Pos::kPreposition && next.content) score += kWeak;
      if (pos == Pos::kAdverb && !next.content) score += kWeak;
    }
    return score;
  }

 private:
  const Summary& At(long u) const {
    static const Summary kNone;
    if (u < 0 || u >= static_cast<long>(summaries_.size())) return kNone;
    return summaries_[u];
  }

  // True if another kept reading of the unit has part of speech `other` and
  // the same lemma as `reading`.
  static bool SameLemmaAs(const UnitReadings& unit, const Reading& reading, Pos other) {
    for (uint32_t r = 0; r < unit.count; ++r) {
      if (Kept(unit, r) && unit.readings[r].pos == other && unit.readings[r].lemma == reading.lemma) return true;
    }
    return false;
  }

  // A unit within kAuxReach after u (skipping adverbs and clitics) with one
  // of `features`.
  bool Following(size_t u, uint16_t features) const {
    for (size_t k = u + 1; k < summaries_.size() && k <= u + kAuxReach; ++k) {
      const Summary& s = summaries_[k];
      if (s.features & features) return true;
      if (!s.word || (s.pos & ~kSkippable) != 0) return false;
    }
    return false;
  }

  bool PrecededByAuxiliary(size_t u) const {
    for (size_t step = 1; step <= kAuxReach && step <= u; ++step) {
      const Summary& s = summaries_[u - step];
      if (Has(s.pos, Pos::kAuxiliary)) return true;
      if (!s.word || (s.pos & ~kSkippable) != 0) return false;
    }
    return false;
  }

  const std::vector<UnitReadings>& units_;
  const std::vector<Summary>& summaries_;
};

}  // namespace

void ChooseReadings(const std::vector<UnitReadings>& units, std::vector<int>* chosen) {
  chosen->assign(units.size(), -1);
  thread_local std::vector<Summary> summaries;
  summaries.clear();
  for (const UnitReadings& unit : units) summaries.push_back(Summarise(unit));
  Scorer scorer(units, summaries);
  for (size_t u = 0; u < units.size(); ++u) {
    const UnitReadings& unit = units[u];
    int best = -1;
    int best_score = 0;
    uint32_t kept = 0;
    for (uint32_t r = 0; r < unit.count; ++r) {
      if (Kept(unit, r)) ++kept;
    }
    for (uint32_t r = 0; r < unit.count; ++r) {
      if (!Kept(unit, r)) continue;
      if (kept == 1) {
        best = static_cast<int>(r);
        break;
      }
      int score = scorer.Score(u, unit.readings[r]);
      if (best < 0 || score > best_score) {
        best = static_cast<int>(r);
        best_score = score;
      }
    }
    (*chosen)[u] = best;
  }
}

}  // namespace cronaca::morph
