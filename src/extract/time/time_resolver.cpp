#include "extract/time/time_resolver.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "extract/time/calendar.h"

namespace cronaca::timex {

namespace {

constexpr int kDaysPerWeek = 7;
constexpr int kMonthsPerYear = 12;
constexpr int kYearsPerDecade = 10;
constexpr int kYearsPerCentury = 100;
constexpr int kMinYear = 1000;
constexpr int kMaxYear = 2999;
// Half of each unit, in the next smaller designator.
constexpr int kHalfYearMonths = 6;
constexpr int kHalfMonthDays = 15;
constexpr int kHalfWeekDays = 3;  // and kHalfDayHours
constexpr int kHalfDayHours = 12;
constexpr int kHalfHourMinutes = 30;
constexpr int kHalfMinuteSeconds = 30;

// One value computed for one anchor day.
struct Value {
  std::string text;
  std::optional<int64_t> day;
};

TimeUnit UnitOf(const Slots& slots) { return static_cast<TimeUnit>(slots.Get(Slot::kUnit)); }

bool AgainstTense(Tense tense, int64_t delta) {
  return tense == Tense::kFuture ? delta < 0 : delta > 0;
}

double Cost(Tense tense, int64_t delta) {
  double distance = static_cast<double>(delta < 0 ? -delta : delta);
  if (!AgainstTense(tense, delta)) return distance;
  return distance * (tense == Tense::kNone ? kAgainstTense : kAgainstCue);
}

// Whether a candidate `delta` away from the anchor respects an offset slot
// (-1 strictly before, 1 strictly after); 0 and no offset accept anything.
bool OffsetAllows(const Slots& slots, int64_t delta) {
  if (!slots.Has(Slot::kOffset)) return true;
  int64_t offset = slots.Get(Slot::kOffset);
  return offset < 0 ? delta < 0 : offset > 0 ? delta > 0 : true;
}

bool YearOk(int64_t year) { return year >= kMinYear && year <= kMaxYear; }

Value DayValue(int64_t day) { return Value{FormatDay(day), day}; }

std::optional<Value> WeekdayAt(const Slots& slots, const Rule& rule, Tense tense, bool includes_today,
                               int64_t anchor) {
  const int target = static_cast<int>(slots.Get(Slot::kWeekday));
  const int today = IsoWeekday(anchor);
  int64_t day;
  if (slots.Has(Slot::kOffset)) {
    int64_t offset = slots.Get(Slot::kOffset);
    if (offset < 0) {
      int back = (today - target + kDaysPerWeek) % kDaysPerWeek;
      day = anchor - (back == 0 ? kDaysPerWeek : back);
    } else if (offset > 0) {
      int ahead = (target - today + kDaysPerWeek) % kDaysPerWeek;
      day = anchor + (ahead == 0 ? kDaysPerWeek : ahead);
    } else {
      day = anchor + (target - today);
    }
  } else if (tense == Tense::kFuture) {
    int ahead = (target - today + kDaysPerWeek) % kDaysPerWeek;
    if (ahead == 0 && !includes_today) ahead = kDaysPerWeek;
    day = anchor + ahead;
  } else {
    int back = (today - target + kDaysPerWeek) % kDaysPerWeek;
    if (back == 0 && !includes_today) back = kDaysPerWeek;
    day = anchor - back;
  }
  if (rule.granularity == Granularity::kWeek) return Value{FormatWeek(day), std::nullopt};
  return DayValue(day);
}

// A date with a missing year (and maybe a missing month): the completion
// nearest the anchor, weighing distance against the tense.
std::optional<Value> PartialDateAt(const Slots& slots, Tense tense, int64_t anchor) {
  const CivilDate a = CivilFromDays(anchor);
  const bool has_month = slots.Has(Slot::kMonth);
  const bool has_day = slots.Has(Slot::kDay);
  if (has_month && !has_day) {
    const int month = static_cast<int>(slots.Get(Slot::kMonth));
    const int64_t anchor_index = static_cast<int64_t>(a.year) * kMonthsPerYear + (a.month - 1);
    std::optional<int> best_year;
    double best_cost = std::numeric_limits<double>::max();
    for (int year = a.year - 1; year <= a.year + 1; ++year) {
      int64_t delta = static_cast<int64_t>(year) * kMonthsPerYear + (month - 1) - anchor_index;
      if (slots.Has(Slot::kOffset)) {
        int64_t offset = slots.Get(Slot::kOffset);
        if ((offset < 0 && delta >= 0) || (offset > 0 && delta <= 0) || (offset == 0 && year != a.year)) continue;
      }
      double cost = Cost(tense, delta);
      if (cost < best_cost) {
        best_cost = cost;
        best_year = year;
      }
    }
    if (!best_year || !YearOk(*best_year)) return std::nullopt;
    return Value{FormatMonth(*best_year, month), std::nullopt};
  }
  if (!has_day) return std::nullopt;
  const int day = static_cast<int>(slots.Get(Slot::kDay));
  // Candidate (year, month) pairs.
  YearMonth options[3];
  size_t n_options = 0;
  if (has_month) {
    const int month = static_cast<int>(slots.Get(Slot::kMonth));
    for (int year = a.year - 1; year <= a.year + 1; ++year) options[n_options++] = YearMonth{year, month};
  } else {
    for (int delta = -1; delta <= 1; ++delta) options[n_options++] = AddMonths(a.year, a.month, delta);
  }
  const bool want_weekday = slots.Has(Slot::kWeekday);
  bool any_weekday_match = false;
  int64_t days[3];
  bool valid[3] = {false, false, false};
  for (size_t i = 0; i < n_options; ++i) {
    if (!YearOk(options[i].year) || day > DaysInMonth(options[i].year, options[i].month)) continue;
    valid[i] = true;
    days[i] = DaysFromCivil(options[i].year, options[i].month, day);
    if (want_weekday && IsoWeekday(days[i]) == slots.Get(Slot::kWeekday)) any_weekday_match = true;
  }
  std::optional<int64_t> best;
  double best_cost = std::numeric_limits<double>::max();
  for (size_t i = 0; i < n_options; ++i) {
    if (!valid[i]) continue;
    if (any_weekday_match && IsoWeekday(days[i]) != slots.Get(Slot::kWeekday)) continue;
    if (!OffsetAllows(slots, days[i] - anchor)) continue;
    double cost = Cost(tense, days[i] - anchor);
    if (cost < best_cost) {
      best_cost = cost;
      best = days[i];
    }
  }
  if (!best) return std::nullopt;
  return DayValue(*best);
}

std::optional<Value> UnitAt(TimeUnit unit, int64_t amount, int64_t anchor) {
  const CivilDate a = CivilFromDays(anchor);
  switch (unit) {
    case TimeUnit::kSecond:
    case TimeUnit::kMinute:
    case TimeUnit::kHour:
      return DayValue(anchor);
    case TimeUnit::kDay:
      return DayValue(anchor + amount);
    case TimeUnit::kWeek:
      return Value{FormatWeek(anchor + amount * kDaysPerWeek), std::nullopt};
    case TimeUnit::kMonth: {
      YearMonth ym = AddMonths(a.year, a.month, static_cast<int>(amount));
      if (!YearOk(ym.year)) return std::nullopt;
      return Value{FormatMonth(ym.year, ym.month), std::nullopt};
    }
    case TimeUnit::kYear:
    case TimeUnit::kDecade:
    case TimeUnit::kCentury: {
      int64_t years = unit == TimeUnit::kYear     ? amount
                      : unit == TimeUnit::kDecade ? amount * kYearsPerDecade
                                                  : amount * kYearsPerCentury;
      int64_t year = a.year + years;
      if (!YearOk(year)) return std::nullopt;
      return Value{FormatYear(static_cast<int>(year)), std::nullopt};
    }
    case TimeUnit::kNone:
      break;
  }
  return std::nullopt;
}

// The value of a relative expression for one anchor day (and the reference
// day, for refday).
// `inclusive`: the anchor is partial, so a weekday may be the publication day
// itself whatever the language's convention (the candidate set must hold
// every date the expression can denote).
std::optional<Value> ValueAt(const Rule& rule, const Slots& slots, const ResolveContext& context, int64_t anchor,
                             bool inclusive) {
  constexpr int64_t kMaxShift = 100000;
  switch (rule.op) {
    case TimeOp::kDate:
      return PartialDateAt(slots, context.tense, anchor);
    case TimeOp::kWeekday:
      return WeekdayAt(slots, rule, context.tense, inclusive || context.settings->weekday_includes_today,
                       anchor);
    case TimeOp::kRelDay:
    case TimeOp::kRefDay:
      return DayValue(anchor + slots.Get(Slot::kOffset));
    case TimeOp::kRelUnit: {
      TimeUnit unit = UnitOf(slots);
      if (unit == TimeUnit::kSecond || unit == TimeUnit::kMinute || unit == TimeUnit::kHour) return std::nullopt;
      return UnitAt(unit, slots.Get(Slot::kOffset), anchor);
    }
    case TimeOp::kShift: {
      int64_t number = slots.Has(Slot::kNumber) ? slots.Get(Slot::kNumber) : 1;
      if (number > kMaxShift) return std::nullopt;
      return UnitAt(UnitOf(slots), rule.sign * number, anchor);
    }
    case TimeOp::kDuration:
    case TimeOp::kNone:
    case TimeOp::kReject:
      break;
  }
  return std::nullopt;
}

// "2025-07-03" -> "2025-07"; "2025-07" and "2025-W27" -> "2025".
std::string Coarser(const std::string& value) {
  constexpr size_t kDayLength = 10;
  constexpr size_t kMonthLength = 7;
  constexpr size_t kYearLength = 4;
  if (value.size() == kDayLength) return value.substr(0, kMonthLength);
  return value.substr(0, kYearLength);
}

// Evaluates a relative expression for every day the partial anchor allows.
void ResolveOverPeriod(const Rule& rule, const Slots& slots, const ResolveContext& context, Resolution* out) {
  const PartialDate& anchor = *context.anchor;
  int64_t first;
  int64_t last;
  if (anchor.precision() == DatePrecision::kMonth) {
    first = DaysFromCivil(anchor.year(), anchor.month(), 1);
    last = DaysFromCivil(anchor.year(), anchor.month(), DaysInMonth(anchor.year(), anchor.month()));
  } else {
    first = DaysFromCivil(anchor.year(), 1, 1);
    last = DaysFromCivil(anchor.year(), kMonthsPerYear, DaysInMonth(anchor.year(), kMonthsPerYear));
  }
  std::vector<Value> values;
  for (int64_t day = first; day <= last; ++day) {
    std::optional<Value> v = ValueAt(rule, slots, context, day, /*inclusive=*/true);
    if (!v) continue;
    bool seen = false;
    for (const Value& existing : values) {
      if (existing.text == v->text) { seen = true; break; }
    }
    if (!seen) values.push_back(std::move(*v));
  }
  if (values.empty()) return;
  if (values.size() == 1) {
    out->value = values.front().text;
    out->day = values.front().day;
    return;
  }
  // Keep day values inside the anchor period when some are.
  bool any_inside = false;
  for (const Value& v : values) {
    if (v.day && *v.day >= first && *v.day <= last) any_inside = true;
  }
  std::vector<std::string> candidates;
  for (const Value& v : values) {
    if (any_inside && v.day && (*v.day < first || *v.day > last)) continue;
    candidates.push_back(v.text);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  while (candidates.size() > kMaxCandidates) {
    for (std::string& c : candidates) c = Coarser(c);
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
  out->candidates = std::move(candidates);
}

}  // namespace

std::string FormatDuration(int64_t number, TimeUnit unit, bool half) {
  std::string out = "P";
  auto add = [&](int64_t n, char designator) {
    out += std::to_string(n);
    out += designator;
  };
  switch (unit) {
    case TimeUnit::kCentury:
    case TimeUnit::kDecade: {
      int64_t per = unit == TimeUnit::kCentury ? kYearsPerCentury : kYearsPerDecade;
      add(number * per + (half ? per / 2 : 0), 'Y');
      break;
    }
    case TimeUnit::kYear:
      if (number > 0 || !half) add(number, 'Y');
      if (half) add(kHalfYearMonths, 'M');
      break;
    case TimeUnit::kMonth:
      if (number > 0 || !half) add(number, 'M');
      if (half) add(kHalfMonthDays, 'D');
      break;
    case TimeUnit::kWeek:
      if (!half) {
        add(number, 'W');
      } else {
        add(number * kDaysPerWeek + kHalfWeekDays, 'D');
        out += 'T';
        add(kHalfDayHours, 'H');
      }
      break;
    case TimeUnit::kDay:
      if (number > 0 || !half) add(number, 'D');
      if (half) { out += 'T'; add(kHalfDayHours, 'H'); }
      break;
    case TimeUnit::kHour:
      out += 'T';
      if (number > 0 || !half) add(number, 'H');
      if (half) add(kHalfHourMinutes, 'M');
      break;
    case TimeUnit::kMinute:
      out += 'T';
      if (number > 0 || !half) add(number, 'M');
      if (half) add(kHalfMinuteSeconds, 'S');
      break;
    case TimeUnit::kSecond:
      out += 'T';
      add(number, 'S');
      break;
    case TimeUnit::kNone:
      return "";
  }
  return out;
}

Resolution Resolve(const Rule& rule, const Slots& slots, const ResolveContext& context) {
  Resolution out;
  switch (rule.op) {
    case TimeOp::kDuration: {
      out.type = TimeType::kDuration;
      constexpr int64_t kMaxDuration = 1000000;
      int64_t number = slots.Has(Slot::kNumber) ? slots.Get(Slot::kNumber) : 1;
      bool half = slots.Has(Slot::kHalf) && slots.Get(Slot::kHalf) != 0;
      if (number > kMaxDuration || (number == 0 && !half)) return out;
      out.value = FormatDuration(number, UnitOf(slots), half);
      return out;
    }
    case TimeOp::kNone:
    case TimeOp::kReject:
      return out;
    case TimeOp::kDate:
      if (slots.Has(Slot::kYear)) {
        const int year = static_cast<int>(slots.Get(Slot::kYear));
        if (!YearOk(year)) return out;
        if (slots.Has(Slot::kMonth) && slots.Has(Slot::kDay)) {
          const int month = static_cast<int>(slots.Get(Slot::kMonth));
          const int day = static_cast<int>(slots.Get(Slot::kDay));
          if (day > DaysInMonth(year, month)) return out;
          out.day = DaysFromCivil(year, month, day);
          out.value = FormatDay(*out.day);
        } else if (slots.Has(Slot::kMonth)) {
          out.value = FormatMonth(year, static_cast<int>(slots.Get(Slot::kMonth)));
        } else {
          out.value = FormatYear(year);
        }
        return out;
      }
      break;
    default:
      break;
  }
  out.relative = true;
  if (rule.op == TimeOp::kRefDay && context.reference) {
    std::optional<Value> v = ValueAt(rule, slots, context, *context.reference, false);
    if (v) {
      out.value = v->text;
      out.day = v->day;
    }
    return out;
  }
  if (!context.anchor) return out;
  if (context.anchor->precision() == DatePrecision::kDay) {
    const PartialDate& a = *context.anchor;
    std::optional<Value> v = ValueAt(rule, slots, context, DaysFromCivil(a.year(), a.month(), a.day()), false);
    if (v) {
      out.value = v->text;
      out.day = v->day;
    }
    return out;
  }
  ResolveOverPeriod(rule, slots, context, &out);
  return out;
}

}  // namespace cronaca::timex
