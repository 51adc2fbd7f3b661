// The heuristic disambiguator: picks one reading per word from the readings
// the analyser (and CG-3, if it ran) left, using the coarse classes of the
// neighbouring words. It is the whole disambiguation when
// MorphologyOptions::use_cg3 is false and the final choice after CG-3
// otherwise (CG-3 rules often leave more than one reading).
//
//   std::vector<UnitReadings> units = ...;   // one per token or multiword
//   std::vector<int> chosen;
//   ChooseReadings(units, &chosen);          // chosen[u]: index into units[u].readings, or -1
//
// Each reading gets a score; the highest wins, ties go to the analyser's
// order. The rules look only at coarse classes and features of the word and
// its neighbours, so both languages share them:
//   priors       imperatives, enclitic verbs, queued multiwords, interjections
//                and numeral readings of words are unlikely in news; an
//                articulated preposition ("nei", "agli") beats neo / aglio /
//                the partitive; a finite auxiliary ("sono", "era", "will")
//                beats a homograph with another lemma; a definite article
//                beats other determiner or pronoun readings.
//   capitals     a capitalised word inside a sentence prefers a proper-noun
//                reading; at the start of a sentence (or after an opening
//                quote or colon) it prefers a common one, unless the same form
//                is capitalised inside a sentence elsewhere in the document
//                (kCueProperElsewhere).
//   names        a surname after a given name, a given name before a
//                surname, a place after a preposition.
//   det / other  "la", "his", "that": a determiner before a noun, adjective,
//                numeral or name; a pronoun before a verb or at the end.
//   rel / conj   "che", "that": relative after a noun, conjunction after a
//                verb or adjective.
//   aux / verb   avere, have, dovere: an auxiliary when a participle or
//                infinitive follows within three words (skipping adverbs
//                and clitics), else a lexical verb; the participle or
//                infinitive after an auxiliary ("è stato": essere, not stare).
//   left word    after a determiner: nominal, not a finite verb; after a
//                preposition: an infinitive or a nominal; after a clitic or
//                subject pronoun: a finite verb; after a noun: a finite verb
//                (unless also a noun: "football team") or an adjective.
//   small words  "'s" possessive between a noun and a nominal; "for",
//                "before": conjunction before a clause; "in", "up": adverb
//                only before punctuation.
// Agreement with Apertium's own CG-3 + HMM tagger on news text is reported
// in bench/morph_bench.cpp's header.
//
// Pure function of its input; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "morph/reading.h"

namespace cronaca::morph {

// What is known about a unit besides its readings (bit set).
enum UnitCue : uint8_t {
  kCueWord = 1u << 0,              // a word (not punctuation, number, symbol)
  kCueCapitalised = 1u << 1,       // first letter upper case
  kCueAllCaps = 1u << 2,           // every letter upper case, two or more letters
  kCueSentenceInitial = 1u << 3,   // no word before it in the sentence (or only an opening quote / colon)
  kCueProperElsewhere = 1u << 4,   // the form is capitalised inside a sentence elsewhere in the document
  kCuePunctuation = 1u << 5,       // a punctuation token
};

struct UnitReadings {
  const Reading* readings = nullptr;
  uint32_t count = 0;
  const uint8_t* keep = nullptr;   // `count` flags, 0 = removed by CG-3; nullptr = all kept
  uint8_t cues = 0;                // UnitCue bits
};

// Sets chosen->at(u) for every unit: the index of the chosen reading in
// units[u].readings (always a kept one), or -1 if the unit has no readings.
void ChooseReadings(const std::vector<UnitReadings>& units, std::vector<int>* chosen);

}  // namespace cronaca::morph
