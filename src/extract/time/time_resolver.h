// Resolving a matched time expression to its FORMAT.md value.
//
//   ResolveContext context;
//   context.settings = &grammar.settings();
//   context.anchor = doc.metadata().date;        // may be YYYY or YYYY-MM only
//   context.tense = Tense::kPast;
//   Resolution r = Resolve(rule, match.slots, context);
//   // r.value "2025-07-03" | "2025-07" | "2025" | "2025-W27" | "PT1H" | ""
//   // r.candidates: the possible values when the anchor is partial
//
// The operations (TimeOp) and what they compute, for a publication date A
// (the anchor) and the tense direction of the sentence:
//   date      year-month-day as written. A missing year is chosen among the
//             year before, of and after A to put the date nearest A, where a
//             distance against the tense counts kAgainstCue times when the
//             sentence has a tense cue, kAgainstTense times when it has none
//             ("9 luglio" in May is July ahead, "19 dicembre" in January is
//             the December before, "in March" in July is this March unless
//             the sentence says "will"). A month alone works the same way in
//             months;
//             with an offset slot (-1 "lo scorso luglio", 1, 0) it is the
//             nearest such month strictly before / after / in A's year; a
//             day and month with an offset (-1 "12 febbraio scorso") the
//             nearest strictly before / after A. A day alone picks the month. With a weekday slot, dates on that
//             weekday are preferred. "metà giugno" keeps the month.
//   weekday   past: the latest such weekday before A (or A itself when the
//             grammar's weekday_includes_today); future: the first after A (or
//             A). An offset slot overrides the tense: -1 strictly before A, 1
//             strictly after, 0 in A's ISO week. gran=week: its ISO week.
//   relday    A + offset days.
//   refday    R + offset days, R the reference date (the last day-precise
//             value before it in the document), else A.
//   relunit   the day, ISO week, month or year holding A + offset units.
//   shift     A + sign * number units, at the precision of the unit (hours
//             and minutes give A's day; decades and centuries the year).
//   duration  P<n>Y/M/W/D or PT<n>H/M/S; a half adds half a unit (PT1H30M,
//             P1Y6M); decades and centuries are counted in years (P10Y).
//   none      no value.
//
// Anchors. With a day-precise anchor every operation gives one value. With a
// partial anchor (2025-07, or 2025) the operation is evaluated for every day
// the publication date can be, and the distinct results are kept:
//   - one result: it is the value ("il mese scorso" in 2025-07 is 2025-06);
//   - several: value is empty and they are the candidates, in time order.
//     Day results outside the anchor period are dropped when some lie inside
//     it (a past "giovedì" in a July 2025 article gives the Thursdays of July
//     2025, not 26 June, although an article of 1 July could mean that day),
//     and more than kMaxCandidates are merged into their months, then years.
//     A weekday may then also be the publication day itself, whatever the
//     grammar's weekday_includes_today: the set must hold every date the
//     expression can denote, so a past "giovedì" in 2025-07 is each Thursday
//     of July 2025, the 31st included.
// Without an anchor, an expression that needs one has no value (and no
// candidates): nothing is invented. Absolute dates and durations need none.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/annotations.h"
#include "common/date.h"
#include "extract/time/time_grammar.h"

namespace cronaca::timex {

// How much more a distance against the tense counts when choosing a missing
// year or month: with a tense cue in the sentence, and without one (the past
// is then only presumed).
inline constexpr double kAgainstCue = 4.0;
inline constexpr double kAgainstTense = 1.5;
inline constexpr size_t kMaxCandidates = 7;

struct ResolveContext {
  const TimeSettings* settings = nullptr;  // REQUIRES: not null
  std::optional<PartialDate> anchor;       // the publication date, if known
  std::optional<int64_t> reference;        // a day (calendar.h), if known
  Tense tense = Tense::kNone;              // the cue; kNone reads as a presumed past
};

struct Resolution {
  TimeType type = TimeType::kDate;
  std::string value;
  std::vector<std::string> candidates;
  bool relative = false;             // depends on the anchor or the reference
  std::optional<int64_t> day;        // set when value is one day
};

Resolution Resolve(const Rule& rule, const Slots& slots, const ResolveContext& context);

// The ISO 8601 duration of `number` units plus half a unit if `half`.
std::string FormatDuration(int64_t number, TimeUnit unit, bool half);

}  // namespace cronaca::timex
