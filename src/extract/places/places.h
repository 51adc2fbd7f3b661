// Places: countries, regions, cities and a few areas and sites named in an
// article, each with its coordinates, country and population.
//
//   PipelineContext context;
//   Result<std::unique_ptr<Stage>> places = MakePlaces(&context);
//   if (!places.ok()) return places.status();   // data/places.tsv missing or a
//                                                // resource file malformed
//   pipeline.Add(std::move(*places));            // after cronaca.Morphology.v1
//   ...
//   for (const PlaceMention& p : doc.extractions().places) {
//     doc.Text(p.span);   // "Monaco di Baviera" (original bytes)
//     p.place;            // "geonames:2867714"; p.name "Munich"; p.country "DEU"
//     p.kind;             // "city"; p.latitude 48.137, p.longitude 11.575
//     p.rule;             // "places.name.it" (which name matched; see below)
//   }
//
// Stage "cronaca.Places.v1": requires tokens, sentences and language; uses
// the morphology layer (lemma, proper-noun class, kTokenKnown) when present
// and, when an actors stage ran before it, the person and organisation
// mentions in doc.extractions().mentions. Fills doc.extractions().places in
// text order (replacing what was there).
//
// MATCHING. Names come from the gazetteer (extract/places/gazetteer.h). Token
// sequences are folded (fold.h: case, accents, apostrophes and hyphens do not
// matter) and the longest name starting at a capitalised token wins:
// "Monaco di Baviera" beats "Monaco", "Rio de Janeiro" spans three tokens,
// "dell'Aia" finds "Aia" (L'Aia without its article). Every word that is
// capitalised in the gazetteer's spelling must be capitalised in the text
// ("di" may stay lower case), so "nice" and "reading" never match.
//
// WHEN A NAME IS NOT A PLACE. A match is dropped, or keeps only some of its
// candidate places, by these rules (in this order; "big" means a city or
// country of at least the population shown, since region and area
// populations are sums or unknown):
//   actors    the name of a person or organisation found by the actors
//             stage (when it ran first) covers it: "Paris Hilton",
//             "Washington Post" (descriptions such as "capo della
//             delegazione di Kiev" do not count);
//   unit      the lexicon reads it as part of a longer multiword name
//             ("European Union" hides "Union");
//   before    an unknown capitalised word follows ("Nord Stream",
//             "Shangri-La Dialogue"): only big (>= 1,000,000) places remain;
// and for one-token matches:
//   person    a capitalised given name before ("George Washington"), a known
//             surname after without a locative preposition before ("Florence
//             Pugh"), or the word is a given name followed by a capitalised
//             word ("da Vladimir Medinsky");
//   inside    a capitalised word before that is neither a common word nor the
//             sentence's first ("NATO Military Alliance"): only big
//             (>= 1,000,000) places remain;
//   name      the lexicon reads the word as a person's name and no locative
//             precedes: only big (>= 500,000) places remain ("Paris" stays,
//             "Victoria" and "Jackson" go);
//   word      the lexicon reads it as a common word or an adjective ("Nice",
//             "Reading", "Split", "Somali"): dropped at the start of a
//             sentence or in a title-case headline; elsewhere, without a
//             locative before it, a candidate must be big (>= 1,000,000), or
//             have its region named in the document, or have >= 100,000
//             inhabitants and its country named;
//   short     a spelling of at most 4 letters ("Bari", "Lodi") needs
//             >= 100,000 inhabitants, a curated entry in the resource file,
//             or its country named in the document (or being the home
//             country of the document's language, resources/<lang>/places.txt).
// Every `locative` is a word of resources/<lang>/places.txt ("a", "ad", "in",
// "da"; "in", "at", "from"). Without the morphology layer the rules that need
// the lexicon (unit, before, person, name, word) do not apply.
//
// AMBIGUITY. Each remaining candidate scores
//     log10(population) + kind prior (country +1, region -1.5, area +0.5)
//     + 0.8 if its country is named in the document
//     + 3   if its region is named, or another place in it unambiguously is
//     + 0.4 if its country is the language's home country;
// (areas and sites without a population count as 1,000,000); the best wins.
// "Paris" is Paris, France, unless Texas (or a Texas city) is named; "Odessa"
// stays in Ukraine unless Texas is named; with only the US named, a big
// foreign city still beats a small American namesake ("Geneva"). Evidence is
// document-wide (one sense per discourse) and comes from unambiguous place
// mentions and from actor mentions whose code starts with a country code
// ("Spanish" -> ESP makes "Valencia" the Spanish one).
//
// TYPOS. A capitalised word that the lexicon does not know, of at least 5
// letters, not covered by a match, becomes a place when it is one edit
// (insertion, deletion, substitution or transposition of adjacent letters:
// optimal string alignment distance 1) from a one-word name of at least 5
// letters, keeps its first letter, and:
//   - comes right after a locative preposition ("ad Aahrus", "a Istabnul",
//     "in Aahrus") or is followed by ", <country or region>";
//   - is not person-like: no capitalised word right before or after it, and
//     the same word is not used next to a given name elsewhere in the text;
//   - the place is a city or country with >= 100,000 inhabitants (rule
//     places.typo.population), or a city in a country named in the document
//     (places.typo.country).
// Only one name may qualify ("Achen" is one edit from Aachen and from
// Acheng: not corrected); a name of several places (Birmingham) is resolved
// by the AMBIGUITY score. The mention's `correction` says what was written
// and what was meant ("Aahrus → Aarhus"). Without the morphology layer
// nothing is corrected.
//
// RULES (PlaceMention::rule): "places.name.<source>" where source is
// canonical, en, it, any (source data), no-article (a name without its
// leading article), or "places.name.resource:<line>" (a line of
// resources/places/gazetteer.txt); "places.typo.population",
// "places.typo.country".
//
// Layers: assigns none of the Layer bits (there is no bit for places yet);
// the result is doc.extractions().places.
//
// Thread-safety: the gazetteer is shared and immutable; the stage keeps
// scratch buffers and per-language rules, so use one stage per thread. Not
// copyable (returned as a unique_ptr<Stage>). Process does not allocate in
// its per-token loop once its buffers have grown.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/pipeline.h"
#include "common/status.h"
#include "extract/places/gazetteer.h"

namespace cronaca {

// resources/<lang>/places.txt, loaded and checked:
//   # comment
//   locative = a ad in da            (words that put a place name after them)
//   home_country = ITA               (alpha-3; optional)
struct PlaceLanguageRules {
  std::vector<std::string> locatives;  // folded, sorted
  std::string home_country;            // "" if none
};

// Parses a per-language places table; errors name the file and line.
Result<PlaceLanguageRules> ParsePlaceLanguageRules(std::string_view text, const std::string& file_name);

// Creates the stage with the process-wide gazetteer (Gazetteer::Default()).
// REQUIRES: context != nullptr and outlives the stage.
Result<std::unique_ptr<Stage>> MakePlaces(PipelineContext* context);

// The same with a given gazetteer and resource directory (tests, benchmarks).
// REQUIRES: context != nullptr and outlives the stage; gazetteer != nullptr.
Result<std::unique_ptr<Stage>> MakePlaces(PipelineContext* context,
                                          std::shared_ptr<const places::Gazetteer> gazetteer,
                                          std::filesystem::path resource_dir);

}  // namespace cronaca
