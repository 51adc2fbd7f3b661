// The vocabulary of the actor dictionaries: days and date ranges, CAMEO-style
// actor codes, office (role) ids and generic agent ids.
//
//   Result<DayRange> r = ParseDayRange("2017-01-20..2021-01-20");
//   r->Contains(DayFromCivil(2019, 5, 1));            // true
//   ReferenceDay(doc.metadata());                     // the day a document speaks of
//   SplitActorCode("RUSGOV") == {"RUS", "GOV"};       // country + role suffix
//   IsKnownSuffix("MIL"); ParseRoleId("president");   // fixed lists below
//
// Ranges are half-open: FROM is the first day a fact holds, TO the first day
// it no longer holds (a successor's first day), so consecutive terms written
// "2017-01-20..2021-01-20" and "2021-01-20.." do not overlap. A partial date
// covers its whole period: as FROM, "2022-02" is 2022-02-01; as TO, "..2022"
// means "until the end of 2022" (exclusive end 2023-01-01) and "..2025-08"
// includes August.
//
// Everything here is a pure function of its arguments: thread-safe.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/document.h"
#include "common/status.h"

namespace cronaca::actors {

// Days since 1970-01-01 in the proleptic Gregorian calendar.
using Day = int32_t;
inline constexpr Day kMinDay = std::numeric_limits<Day>::min();
inline constexpr Day kMaxDay = std::numeric_limits<Day>::max();
// The day used when a document has no date: after every closed range, so
// open-ended ("FROM..") facts, the latest ones, apply.
inline constexpr Day kUndatedDay = kMaxDay - 1;

// REQUIRES: a valid calendar date.
Day DayFromCivil(int year, int month, int day);

// [from, to): either end may be open (kMinDay / kMaxDay).
struct DayRange {
  Day from = kMinDay;
  Day to = kMaxDay;
  bool Contains(Day day) const { return from <= day && day < to; }
  bool Overlaps(const DayRange& other) const { return from < other.to && other.from < to; }
  bool open_ended() const { return to == kMaxDay; }
  friend bool operator==(const DayRange&, const DayRange&) = default;
};

// Parses "FROM..TO", "FROM.." or "..TO" with dates YYYY, YYYY-MM or
// YYYY-MM-DD. Fails (kInvalidArgument, message without file context) on a bad
// date, a missing "..", or FROM not before TO.
Result<DayRange> ParseDayRange(std::string_view text);

// The day a document's date stands for: the day itself; the 15th of a month
// known only to the month; 1 July of a year known only to the year; and
// kUndatedDay when there is no date.
Day ReferenceDay(const Metadata& metadata);
Day ReferenceDay(const PartialDate& date);

// Role suffixes of country-based codes (FORMAT.md, plus a few CAMEO ones):
// GOV MIL REB OPP BUS MED CVL JUD LEG COP, and SPY (intelligence services),
// REF (refugees), CRM (criminals), IGO, NGO, ELI (elites), EDU, HLH, LAB.
bool IsKnownSuffix(std::string_view suffix);

// CAMEO prefixes that are not countries but take suffixes like one:
// IGO (intergovernmental), NGO, IMG (international militarized group),
// MNC (multinational company).
bool IsNonStatePrefix(std::string_view prefix);

// "RUSGOV" -> {"RUS", "GOV"}; "RUS" -> {"RUS", ""}; "NATO" -> {"NAT", "O"}
// (callers check the parts). REQUIRES nothing; returns {code, ""} for codes
// shorter than 3 characters.
struct CodeParts {
  std::string_view prefix;
  std::string_view suffix;
};
CodeParts SplitActorCode(std::string_view code);

// True if `code` is A-Z only, 2..9 characters (the shape of every actor code).
bool LooksLikeActorCode(std::string_view code);

// Offices a person holds (people files, `role =` lines), resolvable by title
// ("il presidente ucraino" -> the holder on the document's date).
enum class RoleId : uint8_t {
  kHeadOfState = 0,
  kPresident,
  kPrimeMinister,
  kChancellor,
  kKing,
  kForeignMinister,
  kDefenceMinister,
  kInteriorMinister,
  kFinanceMinister,
  kSpokesperson,
  kNationalSecurityAdviser,
  kSecretaryGeneral,
  kCommissionPresident,
  kHighRepresentative,
  kCouncilPresident,
  kSupremeLeader,
  kPope,
  kAide,
  kArmyChief,
  kOther,
  // Not written in people files: the effective leader of a country (the
  // president or the head of government, see resources/actors/leaders.tsv).
  kLeader,
  kCount,
};
const char* RoleIdName(RoleId role);
// Accepts the names above ("prime_minister"); nullopt otherwise. `leader`
// is accepted only when allow_leader (agents files, not people files).
std::optional<RoleId> ParseRoleId(std::string_view name, bool allow_leader);

// Generic agents of agents.txt that are not offices: who acts on behalf of a
// country without being one person. The code suffix is given per line.
// government ministry official diplomat negotiator delegation army navy
// air_force intelligence police judiciary prosecutor court legislature
// opposition party rebels militants protesters civilians workers media
// business minister leadership refugees criminals security_forces lawmaker
// weapons hostages (drones, missiles, hostages: never given the document's
// main country).
bool IsKnownAgentId(std::string_view name);

}  // namespace cronaca::actors
