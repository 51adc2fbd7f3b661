#include "extract/actors/actor_codes.h"

#include <array>

namespace cronaca::actors {

Day DayFromCivil(int year, int month, int day) {
  // Howard Hinnant's days_from_civil.
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

namespace {

// A range's FROM: the first day of the period. Its TO (exclusive): a full
// date is itself the first day outside the range; a month or a year ends
// with the period ("..2025-08" includes August).
Day PeriodStart(const PartialDate& d) {
  return DayFromCivil(d.year(), d.month() ? d.month() : 1, d.day() ? d.day() : 1);
}
Day PeriodEnd(const PartialDate& d) {
  if (d.day()) return DayFromCivil(d.year(), d.month(), d.day());
  if (d.month()) return DayFromCivil(d.year(), d.month(), 1) + DaysInMonth(d.year(), d.month());
  return DayFromCivil(d.year() + 1, 1, 1);
}

// Only the strict shapes YYYY, YYYY-MM, YYYY-MM-DD (PartialDate::Parse also
// accepts times and slashes, which a dictionary should not contain).
std::optional<PartialDate> ParseStrictDate(std::string_view text) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? text[i] != '-' : (text[i] < '0' || text[i] > '9')) return std::nullopt;
  }
  return PartialDate::Parse(text);
}

}  // namespace

Result<DayRange> ParseDayRange(std::string_view text) {
  const size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    return Status(StatusCode::kInvalidArgument, "date range '" + std::string(text) +
                                                    "' must be FROM..TO, FROM.. or ..TO");
  }
  std::string_view from = text.substr(0, dots);
  std::string_view to = text.substr(dots + 2);
  DayRange range;
  if (!from.empty()) {
    std::optional<PartialDate> d = ParseStrictDate(from);
    if (!d) return Status(StatusCode::kInvalidArgument, "bad date '" + std::string(from) + "' (YYYY, YYYY-MM or YYYY-MM-DD)");
    range.from = PeriodStart(*d);
  }
  if (!to.empty()) {
    std::optional<PartialDate> d = ParseStrictDate(to);
    if (!d) return Status(StatusCode::kInvalidArgument, "bad date '" + std::string(to) + "' (YYYY, YYYY-MM or YYYY-MM-DD)");
    range.to = PeriodEnd(*d);
  }
  if (from.empty() && to.empty()) {
    return Status(StatusCode::kInvalidArgument, "date range '..' has neither start nor end; omit it");
  }
  if (range.from >= range.to) {
    return Status(StatusCode::kInvalidArgument, "date range '" + std::string(text) + "' ends before it starts");
  }
  return range;
}

Day ReferenceDay(const PartialDate& date) {
  constexpr int kMidMonthDay = 15;
  constexpr int kMidYearMonth = 7;
  if (date.day()) return DayFromCivil(date.year(), date.month(), date.day());
  if (date.month()) return DayFromCivil(date.year(), date.month(), kMidMonthDay);
  return DayFromCivil(date.year(), kMidYearMonth, 1);
}

Day ReferenceDay(const Metadata& metadata) {
  return metadata.has_date ? ReferenceDay(metadata.date) : kUndatedDay;
}

namespace {

template <size_t N>
bool InList(const std::array<std::string_view, N>& list, std::string_view s) {
  for (std::string_view item : list) {
    if (item == s) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 19> kSuffixes = {
    "GOV", "MIL", "REB", "OPP", "BUS", "MED", "CVL", "JUD", "LEG", "COP",
    "SPY", "REF", "CRM", "IGO", "NGO", "ELI", "EDU", "HLH", "LAB"};

constexpr std::array<std::string_view, 4> kNonState = {"IGO", "NGO", "IMG", "MNC"};

constexpr std::array<std::string_view, static_cast<size_t>(RoleId::kCount)> kRoleNames = {
    "head_of_state",   "president",        "prime_minister",     "chancellor",
    "king",            "foreign_minister", "defence_minister",   "interior_minister",
    "finance_minister", "spokesperson",    "national_security_adviser", "secretary_general",
    "commission_president", "high_representative", "council_president", "supreme_leader",
    "pope",            "aide",             "army_chief",         "other",
    "leader"};

constexpr std::array<std::string_view, 32> kAgentIds = {
    "government", "ministry",   "official",   "diplomat",    "negotiator", "delegation",
    "army",       "navy",       "air_force",  "intelligence", "police",    "judiciary",
    "prosecutor", "court",      "legislature", "opposition", "party",      "rebels",
    "militants",  "protesters", "civilians",  "workers",     "media",      "business",
    "minister",   "leadership", "refugees",   "criminals",   "security_forces", "lawmaker",
    "weapons",    "hostages"};

}  // namespace

bool IsKnownSuffix(std::string_view suffix) { return InList(kSuffixes, suffix); }
bool IsNonStatePrefix(std::string_view prefix) { return InList(kNonState, prefix); }

CodeParts SplitActorCode(std::string_view code) {
  if (code.size() < 3) return {code, {}};
  return {code.substr(0, 3), code.substr(3)};
}

bool LooksLikeActorCode(std::string_view code) {
  constexpr size_t kMinLength = 2;
  constexpr size_t kMaxLength = 9;
  if (code.size() < kMinLength || code.size() > kMaxLength) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

const char* RoleIdName(RoleId role) {
  const size_t i = static_cast<size_t>(role);
  return i < kRoleNames.size() ? kRoleNames[i].data() : "?";
}

std::optional<RoleId> ParseRoleId(std::string_view name, bool allow_leader) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) {
      RoleId role = static_cast<RoleId>(i);
      if (role == RoleId::kLeader && !allow_leader) return std::nullopt;
      return role;
    }
  }
  return std::nullopt;
}

bool IsKnownAgentId(std::string_view name) { return InList(kAgentIds, name); }

}  // namespace cronaca::actors
