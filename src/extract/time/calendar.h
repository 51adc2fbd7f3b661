// Calendar arithmetic for time normalisation: proleptic Gregorian days,
// ISO weekdays and ISO weeks, and the FORMAT.md spellings of each.
//
//   int64_t day = DaysFromCivil(2025, 7, 3);   // days since 1970-01-01
//   IsoWeekday(day) == 4;                      // Thursday (Monday = 1)
//   FormatDay(day - 1) == "2025-07-02";
//   FormatWeek(day) == "2025-W27";             // the ISO week holding the day
//   AddMonths(2025, 1, -1) == {2024, 12};
//
// Pure functions on integers; no state, thread-safe. Valid for years 1..9999.
#pragma once

#include <cstdint>
#include <string>

namespace cronaca::timex {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

// Days since 1970-01-01 of a valid date (H. Hinnant's algorithm).
// REQUIRES: 1 <= month <= 12, 1 <= day <= DaysInMonth(year, month).
int64_t DaysFromCivil(int year, int month, int day);
CivilDate CivilFromDays(int64_t days);

// 1 = Monday ... 7 = Sunday.
int IsoWeekday(int64_t days);

// The ISO 8601 week-numbering year and week (1..53) of a day.
void IsoWeek(int64_t days, int* iso_year, int* week);

// {year, month} moved by `delta` months.
struct YearMonth {
  int year = 0;
  int month = 0;
};
YearMonth AddMonths(int year, int month, int delta);

// "2025-07-03", "2025-07", "2025", "2025-W27".
std::string FormatDay(int64_t days);
std::string FormatMonth(int year, int month);
std::string FormatYear(int year);
std::string FormatWeek(int64_t days);

}  // namespace cronaca::timex
