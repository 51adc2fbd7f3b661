// The extracted layers: what the extract/ and link/ stages add to a Document.
//
// Each kind is a small struct in a flat vector owned by the Document
// ("span groups"): every item has the original byte span it came from and
// the id of the rule or dictionary entry that produced it, so a user can see
// why it exists. Items refer to each other by index into these vectors
// (kNoIndex when absent), never by pointer, so a Document stays movable.
//
// Codes follow shared/eval/FORMAT.md: actor codes are CAMEO-style (ISO 3166
// alpha-3 + role suffix, or a fixed organisation code such as NATO); event
// codes are CAMEO strings ("041"); dates and durations use YYYY, YYYY-MM,
// YYYY-MM-DD, YYYY-Www, PT1H, P12D.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "common/span.h"

namespace cronaca {

inline constexpr uint32_t kNoIndex = std::numeric_limits<uint32_t>::max();

// --- who and where (issue 3) ------------------------------------------------

enum class MentionType : uint8_t {
  kPerson = 0,    // "Vladimir Putin", "Ushakov"
  kCountry,       // "Russia", "russo" (adjective), "i russi" (demonym)
  kOrganisation,  // "NATO", "Hamas"
  kMetonym,       // "Cremlino", "Casa Bianca", "Mosca" acting as a government
  kAgent,         // a role, possibly with a country: "il ministro degli Esteri turco"
  kOther,
};
const char* MentionTypeName(MentionType type);

// How a mention was tied to its entity.
enum class Resolution : uint8_t {
  kDirect = 0,    // the dictionary names it
  kSurname,       // a later surname-only mention of a person named earlier
  kTitle,         // "il presidente ucraino": the holder of the role on the date
  kEpithet,       // "il tycoon"
  kCorrected,     // a small typo fixed ("Aahrus" -> Aarhus); see Mention::correction
};
const char* ResolutionName(Resolution resolution);

struct Mention {
  Span span;
  uint32_t sentence = 0;
  MentionType type = MentionType::kOther;
  Resolution resolution = Resolution::kDirect;
  std::string entity;      // stable entity id from the dictionary ("putin_vladimir")
  std::string name;        // canonical name ("Vladimir Putin")
  std::string code;        // actor code valid on the document's date ("RUSGOV")
  std::string rule;        // dictionary entry or rule id that matched
  std::string correction;  // for kCorrected: what was written and what was meant
  uint32_t antecedent = kNoIndex;  // earlier mention this one resolves to
  float confidence = 1.0f;
  // For titles and agents: the office or agent named ("president",
  // "foreign_minister", "army"; extract/actors/actor_codes.h), else "".
  std::string role;
};

struct PlaceMention {
  Span span;
  uint32_t sentence = 0;
  std::string place;       // stable place id ("geonames:2624652")
  std::string name;        // canonical name ("Aarhus")
  std::string country;     // ISO 3166 alpha-3 ("DNK")
  std::string kind;        // "country", "region", "city"
  double latitude = 0, longitude = 0;
  int64_t population = 0;
  std::string rule;
  std::string correction;  // when a typo was corrected
};

// --- when (issue 4) ---------------------------------------------------------

enum class TimeType : uint8_t { kDate = 0, kDuration, kSet, kTime };
const char* TimeTypeName(TimeType type);

struct TimeExpression {
  Span span;
  uint32_t sentence = 0;
  TimeType type = TimeType::kDate;
  // The normalised value: "2025-07-03", "2025-07", "2022", "2025-W27", "PT1H".
  // Empty when the value is only known as a set of candidates.
  std::string value;
  // When the anchor is partial, the values the expression can have (the
  // Thursdays of July 2025), narrowest first. Empty when `value` is set.
  std::vector<std::string> candidates;
  bool relative = false;   // anchored to the publication date ("ieri")
  std::string rule;
};

// --- who said what (issue 5) ------------------------------------------------

enum class QuoteKind : uint8_t { kFull = 0, kPhrase, kScare, kEmpty };
const char* QuoteKindName(QuoteKind kind);

struct Quotation {
  Span span;               // with the quotation marks
  Span content;            // inside the marks, trimmed
  uint32_t sentence = 0;
  QuoteKind kind = QuoteKind::kFull;
  bool indirect = false;   // reported speech ("ha detto che ..."), not a quotation
  // The speaker: the mention that names it, and its name as written in full.
  uint32_t speaker_mention = kNoIndex;
  std::string speaker;
  std::string speaker_code;
  std::string speaker_entity;
  // Who relays the words ("Ushakov said Putin told Trump ..."): the chain.
  uint32_t relay_mention = kNoIndex;
  std::string relay;
  std::string relay_code;
  std::string rule;
  float confidence = 1.0f;
};

// --- who did what to whom (issue 6) ----------------------------------------

enum EventModality : uint8_t {
  kModalityNone = 0,
  kModalityNegated = 1u << 0,    // "non ha condannato": not coded as the positive event
  kModalityIntent = 1u << 1,     // promised, planned, threatened
  kModalityAlleged = 1u << 2,    // "avrebbe detto", "reportedly"
  kModalityReported = 1u << 3,   // inside a quotation or reported speech
  kModalityHistory = 1u << 4,    // reported as background, dated before the news
};

struct Event {
  Span trigger;
  uint32_t sentence = 0;
  uint32_t source_mention = kNoIndex;
  uint32_t target_mention = kNoIndex;
  std::string source;      // actor code ("RUSGOV")
  std::string target;      // actor code, or "" when there is no recipient
  std::string code;        // CAMEO ("041")
  std::string plover;      // PLOVER type ("CONSULT")
  std::string plover_mode;
  double goldstein = 0;
  int quad_class = 0;
  std::string date;        // when it happened, as precisely as known; "" if unknown
  uint32_t time = kNoIndex;  // the time expression that dated it
  std::string place;       // place id, when known
  uint8_t modality = kModalityNone;
  uint32_t quotation = kNoIndex;  // the quotation or claim it was reported in
  std::string rule;        // the pattern that produced it
  float confidence = 1.0f;
};

// All extracted layers of one document.
struct Extractions {
  std::vector<Mention> mentions;
  std::vector<PlaceMention> places;
  std::vector<TimeExpression> times;
  std::vector<Quotation> quotes;   // direct quotations and indirect claims
  std::vector<Event> events;
  std::string story;               // story id (issue 7), "" until linked
  // Source quality (extract/quality): 1 = no problem found; lower with each
  // flag. machine_translation is the document-level verdict.
  float quality = 1.0f;
  bool machine_translation = false;
};

}  // namespace cronaca
