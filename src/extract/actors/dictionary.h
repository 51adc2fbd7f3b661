// ActorDictionary: who can be named in the news, and how, compiled once.
//
//   Result<std::shared_ptr<const ActorDictionary>> dict =
//       ActorDictionary::Load(ResourceDir());        // fails on any error, with file:line
//   const PhraseMatcher& m = (*dict)->matcher();      // folded names, see phrase_matcher.h
//   for (const Surface& s : (*dict)->SurfacesOf(phrase)) ...   // what a phrase can be
//   (*dict)->entity(i).CodeOn(ReferenceDay(doc.metadata()));   // "USAGOV"
//
//   Diagnostics diag;                                 // `cronaca dict check`:
//   ActorDictionary::LoadAll(dir, &diag);             // every error, not just the first
//
// The files (documented in docs/DICTIONARIES.md and in each file's header):
//   resources/actors/countries.tsv   one row per country or territory: names,
//                                    adjectives, demonyms, capitals, seats of
//                                    government, per language (it, en)
//   resources/actors/*.txt           blocks [id] of people, organisations and
//                                    armed groups: names, variants, surname,
//                                    dated codes, dated offices, epithets
//   resources/actors/leaders.tsv     optional: which office makes "the leader"
//                                    of a country (prime_minister for ISR, ...)
//   resources/<lang>/agents.txt      roles and generic agents of a language
//                                    ("ministro degli esteri = foreign_minister GOV")
//                                    and the little words that tie them to a
//                                    country ("@link = del | della | ...")
// A resources folder without actors/ gives a dictionary with agents only (so
// the pipeline runs before the data exists); a malformed file is an error.
//
// Validation (every error names file and line): malformed lines, unknown
// keys, duplicate ids (across files), bad dates, overlapping code ranges of
// one entity, two undated codes, unknown role ids, unknown agent ids, unknown
// code suffixes, codes or role places that are neither a country of
// countries.tsv, a CAMEO non-state prefix (IGO NGO IMG MNC), nor an
// organisation code (the built-in FORMAT.md list or the code of an
// `organisation`/`group` entry), names with no letters.
//
// Thread-safety: a loaded ActorDictionary is immutable and shared between
// stages and threads (std::shared_ptr<const ...>). Not copyable (large);
// movable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "common/status.h"
#include "extract/actors/actor_codes.h"
#include "extract/actors/phrase_matcher.h"

namespace cronaca::actors {

// Collects load errors, each "file:line: message", in the order found.
class Diagnostics {
 public:
  void Error(const std::string& file, size_t line, const std::string& message);
  void Error(const std::string& message);
  const std::vector<std::string>& errors() const { return errors_; }
  bool ok() const { return errors_.empty(); }
  // kResourceError listing the first `max_listed` errors and the count.
  Status ToStatus(size_t max_listed = 10) const;

 private:
  std::vector<std::string> errors_;
};

// Where an item was defined: "resources/actors/people.txt:12".
struct SourceLine {
  std::string file;
  uint32_t line = 0;
  std::string ToString() const { return file + ":" + std::to_string(line); }
};

enum class CountryStatus : uint8_t { kUnMember = 0, kObserver, kTerritory, kHistoric };

struct Country {
  std::string iso3;    // "RUS"
  std::string iso2;    // "RU", or "" (historic states)
  CountryStatus status = CountryStatus::kUnMember;
  std::string name;    // canonical English name ("Russia"); "" if only Italian is given
  SourceLine source;
};

enum class EntityType : uint8_t { kPerson = 0, kOrganisation, kGroup, kOther };
const char* EntityTypeName(EntityType type);

// A code and when it applies; undated codes apply outside every range.
struct CodeSpell {
  std::string code;
  DayRange range;
  bool dated = false;
  uint32_t line = 0;
};

// An office held somewhere ("president" of "RUS", or "secretary_general" of "NATO").
struct RoleSpell {
  RoleId role = RoleId::kOther;
  std::string where;   // country iso3 or organisation code
  DayRange range;
  uint32_t line = 0;
};

struct Entity {
  std::string id;      // "putin_vladimir"
  std::string name;    // "Vladimir Putin"
  EntityType type = EntityType::kPerson;
  std::vector<CodeSpell> codes;
  std::vector<RoleSpell> roles;
  SourceLine source;

  // The code on `day`: a dated code whose range contains it, else the undated
  // code; on kUndatedDay with neither, the code of the latest range. "" if
  // the entry has no code at all.
  std::string_view CodeOn(Day day) const;
  // True if a dated code or an office covers `day` (the person is "in office").
  bool ActiveOn(Day day) const;
};

// What a dictionary phrase can stand for, in the order the matcher prefers
// when one phrase has several readings ("Washington": a capital before a
// surname).
enum class SurfaceKind : uint8_t {
  kEntityName = 0,    // canonical name or variant of an entity
  kSeat,              // "Cremlino", "White House": the government
  kCountryName,       // "Russia", "Stati Uniti"
  kCapital,           // "Mosca": the government when it acts, else the country
  kEntityMetonym,     // "Brussels" for the EU when it acts
  kCountryAdjective,  // "russo", "Russian"
  kDemonym,           // "i russi", "Russians"
  kEpithet,           // "il tycoon" -> Trump
  kSurname,           // "Putin" alone
  kAgent,             // "ministro degli esteri", "troops"
};
const char* SurfaceKindName(SurfaceKind kind);

// How the case of a phrase in a text must agree with the dictionary's
// spelling (the folded forms already agree).
enum class CaseRule : uint8_t {
  kAny = 0,        // written in lower case in the dictionary: any case
  kCapitalised,    // has a capital ("Nato", "Putin"): lower case in the text
                   // only if the morphology does not know the word as a
                   // common word ("nato" = born does not match)
  kShortAcronym,   // all capitals, at most 3 letters ("US", "UE", "U.S."): all
                   // capitals in the text too ("us" and "Us" do not match)
  kAcronym,        // all capitals, 4 or more letters ("NATO"): capitalised
                   // in the text ("Nato", "NATO")
};

inline constexpr uint32_t kAllLanguages = 0xFFFFFFFFu;

struct Surface {
  SurfaceKind kind = SurfaceKind::kEntityName;
  CaseRule case_rule = CaseRule::kAny;
  uint32_t languages = kAllLanguages;  // bit i = ActorDictionary::languages()[i]
  uint32_t target = 0;                 // country, entity or agent index (by kind)
  std::string rule;                    // provenance: "putin_vladimir/surname:Putin"
};

// One line of an agents.txt: a role or generic agent and its code suffix.
struct AgentRule {
  std::string id;               // "foreign_minister", "army"
  std::optional<RoleId> role;   // set when id is an office (title resolution)
  std::string suffix;           // "GOV", "MIL"
  std::string lang;
  std::string surface;          // first surface of the line, for rule ids
  SourceLine source;
};

// The small words of a language that tie agents to countries (agents.txt
// directives), as chunk ids of the matcher's vocabulary.
struct LanguageRules {
  std::string lang;
  bool adjective_before = false;     // @adjective = before ("Russian troops")
  bool noun_before = false;          // @noun_before = yes ("Kremlin aide")
  std::vector<uint32_t> link;        // @link: "del", "of" (agent LINK country)
  std::vector<uint32_t> locative;    // @locative: "in", "a" (a capital as a place)
  std::vector<uint32_t> possessive;  // @possessive: "s" of "Russia's"
  std::vector<uint32_t> former;      // @former: "ex", "former" (not today's holder)
  bool IsLink(uint32_t chunk) const { return Has(link, chunk); }
  bool IsLocative(uint32_t chunk) const { return Has(locative, chunk); }
  bool IsPossessive(uint32_t chunk) const { return Has(possessive, chunk); }
  bool IsFormer(uint32_t chunk) const { return Has(former, chunk); }

 private:
  static bool Has(const std::vector<uint32_t>& v, uint32_t chunk) {
    for (uint32_t c : v) {
      if (c == chunk) return true;
    }
    return false;
  }
};

// Figures for `dict check` and the benchmark.
struct DictionaryStats {
  size_t files = 0;
  size_t countries = 0;
  size_t entities = 0;
  size_t agents = 0;
  size_t surfaces = 0;
  size_t phrases = 0;
  size_t chunks = 0;
  double load_ms = 0;
};

// The raw texts of a dictionary, for tests and tools that do not read a
// resources folder. File names are used in messages only.
struct DictionarySources {
  std::vector<std::pair<std::string, std::string>> countries;  // (file name, TSV text)
  std::vector<std::pair<std::string, std::string>> entities;   // (file name, block text)
  std::vector<std::pair<std::string, std::string>> leaders;    // (file name, TSV text)
  // (language, file name, text)
  std::vector<std::tuple<std::string, std::string, std::string>> agents;
};

class ActorDictionary {
 public:
  ActorDictionary(const ActorDictionary&) = delete;
  ActorDictionary& operator=(const ActorDictionary&) = delete;
  ActorDictionary(ActorDictionary&&) = default;
  ActorDictionary& operator=(ActorDictionary&&) = default;

  // Reads and compiles every dictionary file under `resources` (see above).
  // Fails with kResourceError listing the first errors (file:line).
  static Result<std::shared_ptr<const ActorDictionary>> Load(const std::filesystem::path& resources);

  // Like Load, but records every error in *diagnostics and returns what
  // could be compiled (never null). For `cronaca dict check`.
  static std::shared_ptr<const ActorDictionary> LoadAll(const std::filesystem::path& resources,
                                                        Diagnostics* diagnostics);

  // From texts in memory (tests). Fails like Load.
  static Result<std::shared_ptr<const ActorDictionary>> FromSources(const DictionarySources& sources);
  static std::shared_ptr<const ActorDictionary> FromSourcesAll(const DictionarySources& sources,
                                                               Diagnostics* diagnostics);

  // The files Load would read under `resources`, in reading order.
  static DictionarySources ReadSources(const std::filesystem::path& resources, Diagnostics* diagnostics,
                                       size_t* files);

  const PhraseMatcher& matcher() const { return matcher_; }
  // The readings of a phrase, in SurfaceKind order. REQUIRES: phrase < matcher().phrase_count()
  std::span<const Surface> SurfacesOf(uint32_t phrase) const {
    return std::span<const Surface>(surfaces_).subspan(phrase_begin_[phrase],
                                                       phrase_begin_[phrase + 1] - phrase_begin_[phrase]);
  }

  const std::vector<Country>& countries() const { return countries_; }
  const std::vector<Entity>& entities() const { return entities_; }
  const std::vector<AgentRule>& agents() const { return agents_; }
  const Country& country(uint32_t i) const { return countries_[i]; }
  const Entity& entity(uint32_t i) const { return entities_[i]; }
  const AgentRule& agent(uint32_t i) const { return agents_[i]; }
  // Country index by iso3, or -1.
  int FindCountry(std::string_view iso3) const;
  // Entity index by id, or -1.
  int FindEntity(std::string_view id) const;

  // Languages with names or agents ("it", "en", ...); Surface::languages bits.
  const std::vector<std::string>& languages() const { return languages_; }
  // Bit mask for a language: its bit, or kAllLanguages for a language the
  // dictionary does not know (names of every language are tried).
  uint32_t LanguageMask(std::string_view lang) const;
  // The agents.txt directives of a language, or nullptr.
  const LanguageRules* Rules(std::string_view lang) const;

  // Entities holding `role` in `where` (iso3 or organisation code) on `day`,
  // appended to *out. `role` kLeader expands to the office that leads
  // `where` (leaders.tsv, else supreme leader, president, king, prime
  // minister, chancellor: the first office with a holder).
  void Holders(RoleId role, std::string_view where, Day day, std::vector<uint32_t>* out) const;

  // True if `code` is a known organisation code ("NATO", "EU").
  bool IsOrganisationCode(std::string_view code) const;

  const DictionaryStats& stats() const { return stats_; }

 private:
  ActorDictionary() = default;
  friend class DictionaryCompiler;

  std::vector<Country> countries_;
  std::vector<Entity> entities_;
  std::vector<AgentRule> agents_;
  std::map<std::string, uint32_t, std::less<>> country_index_;
  std::map<std::string, uint32_t, std::less<>> entity_index_;
  std::vector<std::string> organisation_codes_;  // sorted
  std::map<std::string, RoleId, std::less<>> leader_role_;  // iso3 -> office
  // (role, where) -> [(entity, range)], key "president RUS".
  std::map<std::string, std::vector<std::pair<uint32_t, DayRange>>, std::less<>> holders_;
  std::vector<std::string> languages_;
  std::vector<LanguageRules> rules_;  // by language index (empty lang if none)
  PhraseMatcher matcher_;
  std::vector<Surface> surfaces_;        // grouped by phrase
  std::vector<uint32_t> phrase_begin_;   // phrase -> first surface; size phrases + 1
  DictionaryStats stats_;
};

}  // namespace cronaca::actors
