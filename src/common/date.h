// PartialDate: a calendar date known only to some precision.
//
// News metadata often carries "2025-07" (month only) or "2025" (year only);
// the seeds' scraped header is one such case. A PartialDate keeps what is
// known and nothing more: it never invents a day.
//
//   auto d = PartialDate::Parse("2025-07");   // year 2025, month 7, day unknown
//   d->precision() == DatePrecision::kMonth;  d->ToString() == "2025-07"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cronaca {

enum class DatePrecision : uint8_t { kYear = 1, kMonth = 2, kDay = 3 };

class PartialDate {
 public:
  PartialDate() = default;
  PartialDate(int year, int month = 0, int day = 0) : year_(year), month_(month), day_(day) {}

  // Accepts YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by a time part
  // ("2025-07-03T10:00:00Z", "2025-07-03 10:00"), and YYYY/MM/DD. Returns
  // nullopt for anything else or an impossible date (2025-02-30).
  static std::optional<PartialDate> Parse(std::string_view text);

  int year() const { return year_; }
  int month() const { return month_; }  // 0 if unknown
  int day() const { return day_; }      // 0 if unknown
  DatePrecision precision() const {
    return day_ ? DatePrecision::kDay : month_ ? DatePrecision::kMonth : DatePrecision::kYear;
  }
  // "2025", "2025-07" or "2025-07-03".
  std::string ToString() const;

  friend bool operator==(const PartialDate&, const PartialDate&) = default;

 private:
  int year_ = 0;
  int month_ = 0;
  int day_ = 0;
};

// Days in `month` of `year` (Gregorian). REQUIRES: 1 <= month <= 12.
int DaysInMonth(int year, int month);

}  // namespace cronaca
