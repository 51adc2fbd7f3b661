// Apertium readings: parsing the analyser's output and mapping its tag set
// onto cronaca's coarse classes (common/document.h: Pos, ProperClass).
//
// An lttoolbox analyser (fst_analyser.h) returns the readings of a surface
// form the way `lt-proc -w` prints them between the surface and '$':
//
//   /ministro<n><m><sg>
//   /il<det><def><m><sg>/lo<prn><pro><p3><m><sg>
//   /di<pr>+il<det><def><mf><sg>                  one reading, two parts
//   /avere<vblex><pri><p3><sg># bisogno di        multiword with a queue
//
//   std::vector<ParsedReading> readings;
//   if (ParseReadings("/di<pr>+il<det><def><mf><sg>", &readings)) {
//     readings[0].lemma == "di"; readings[0].pos == Pos::kPreposition;
//     readings[0].parts.size() == 2;
//   }
//
// The coarse class comes from the first part (an Italian articulated
// preposition is a preposition, a verb with an enclitic pronoun a verb) and
// from its first tag; the full tag lists are kept for CG-3.
//
// Tag map (the tag set is shared by Apertium's language pairs):
//   n → kNoun, np → kProperNoun, vblex → kVerb,
//   vbser / vbhaver / vbmod / vbdo → kAuxiliary, adj → kAdjective,
//   adv / preadv → kAdverb, det / predet / detnt → kDeterminer,
//   prn / rel → kPronoun, pr → kPreposition, cnjcoo / cnjsub / cnjadv →
//   kConjunction, num → kNumeral, ij → kInterjection, sent / cm / lpar /
//   rpar / lquest / lquot / rquot / guio / apos / … → kPunctuation,
//   web / email / percent / … → kSymbol, anything else (gen: English 's) →
//   kOther.
//   Proper classes from the tag after np: ant → kGivenName, cog → kSurname,
//   top / hyd → kPlace, org → kOrganisation, al → kOther.
//
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"

namespace cronaca::morph {

// What disambiguation needs to know beyond the coarse class (bit set).
enum ReadingFeature : uint16_t {
  kFeatureParticiple = 1u << 0,   // <pp>
  kFeatureInfinitive = 1u << 1,   // <inf>
  kFeatureImperative = 1u << 2,   // <imp>
  kFeatureGerund = 1u << 3,       // <ger>
  kFeatureFinite = 1u << 4,       // a tense/mood tag: <pri> <past> <pres> <ifi> …
  kFeatureEnclitic = 1u << 5,     // a later part is an enclitic pronoun (<enc>)
  kFeatureContraction = 1u << 6,  // several parts (dell' = di + il, it's)
  kFeatureMultiwordQueue = 1u << 7,  // "avere<vblex># bisogno di": lemma + fixed words
  kFeatureDefinite = 1u << 8,     // <def>
  kFeaturePlural = 1u << 9,       // <pl>
  kFeatureSingular = 1u << 10,    // <sg>
  kFeatureRelative = 1u << 11,    // <rel>: relative pronoun ("che", "that", "which")
  kFeatureArticulated = 1u << 12, // preposition + article (dei = di + i, al = a + il)
};

// One part of a reading: a lemma and its tags without brackets.
struct ReadingPart {
  std::string lemma;                 // with its '#' queue, if any
  std::vector<std::string> tags;     // {"n", "m", "sg"}
  bool queue = false;                // the lemma carries a '#' queue
};

struct ParsedReading {
  std::string lemma;               // first part's lemma; a '#' queue is appended
                                   // with its space ("avere bisogno di")
  Pos pos = Pos::kUnknown;
  ProperClass proper = ProperClass::kNone;
  uint16_t features = 0;           // ReadingFeature bits
  std::vector<ReadingPart> parts;  // at least one
};

// Parses "/reading/reading…" (escaped characters "\/" "\<" allowed in
// lemmas). Appends to `out`; returns false (appending nothing) on malformed
// text: no leading '/', an unterminated tag, a reading without tags.
bool ParseReadings(std::string_view text, std::vector<ParsedReading>* out);

// The coarse class of a part-of-speech tag ("n", "vblex"), kOther if the
// tag is not a part-of-speech tag of the map above.
Pos PosFromTag(std::string_view tag);
// The proper class of the tag following <np> ("ant", "top").
ProperClass ProperFromTag(std::string_view tag);

// "ministro<n><m><sg>+lo<prn>": the Apertium notation of a reading, for
// messages and tests.
std::string FormatReading(const ParsedReading& reading);

}  // namespace cronaca::morph
