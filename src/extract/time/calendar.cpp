#include "extract/time/calendar.h"

#include <cstdio>

namespace cronaca::timex {

int64_t DaysFromCivil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                      // [0, 399]
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;              // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return CivilDate{year, month, day};
}

int IsoWeekday(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

void IsoWeek(int64_t days, int* iso_year, int* week) {
  // The week belongs to the year of its Thursday.
  const int64_t thursday = days + (4 - IsoWeekday(days));
  const int year = CivilFromDays(thursday).year;
  const int64_t first_day = DaysFromCivil(year, 1, 1);
  *iso_year = year;
  *week = static_cast<int>((thursday - first_day) / 7) + 1;
}

YearMonth AddMonths(int year, int month, int delta) {
  int64_t index = static_cast<int64_t>(year) * 12 + (month - 1) + delta;
  int64_t y = index >= 0 ? index / 12 : (index - 11) / 12;
  return YearMonth{static_cast<int>(y), static_cast<int>(index - y * 12) + 1};
}

std::string FormatDay(int64_t days) {
  CivilDate date = CivilFromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::string FormatMonth(int year, int month) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string FormatYear(int year) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

std::string FormatWeek(int64_t days) {
  int year = 0;
  int week = 0;
  IsoWeek(days, &year, &week);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
  return buf;
}

}  // namespace cronaca::timex
