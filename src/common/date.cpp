#include "common/date.h"

#include <cstdio>

namespace cronaca {

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

namespace {

// Reads exactly `n` digits at text[pos]; returns -1 if not digits.
int ReadDigits(std::string_view text, size_t pos, size_t n) {
  if (pos + n > text.size()) return -1;
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<PartialDate> PartialDate::Parse(std::string_view text) {
  constexpr int kMinYear = 1000;
  constexpr int kMaxYear = 2999;
  int year = ReadDigits(text, 0, 4);
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  if (text.size() > 4 && IsDigit(text[4])) return std::nullopt;  // "20250"
  if (text.size() == 4) return PartialDate(year);
  char sep = text[4];
  if (sep != '-' && sep != '/') {
    // "2025T..." or "2025 ..." are not dates we accept.
    return std::nullopt;
  }
  int month = ReadDigits(text, 5, 2);
  if (month < 1 || month > 12) return std::nullopt;
  if (text.size() == 7) return PartialDate(year, month);
  if (text[7] != sep) {
    if (text[7] == 'T' || text[7] == ' ') return PartialDate(year, month);
    return std::nullopt;
  }
  int day = ReadDigits(text, 8, 2);
  if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ' && text[10] != 'Z') return std::nullopt;
  return PartialDate(year, month, day);
}

std::string PartialDate::ToString() const {
  char buf[16];
  if (day_) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_);
  } else if (month_) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year_, month_);
  } else {
    std::snprintf(buf, sizeof buf, "%04d", year_);
  }
  return buf;
}

}  // namespace cronaca
