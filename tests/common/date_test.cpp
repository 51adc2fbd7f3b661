#include "common/date.h"

#include <gtest/gtest.h>

#include "common/string_store.h"

namespace cronaca {
namespace {

TEST(PartialDate, ParsesEveryPrecision) {
  auto year = PartialDate::Parse("2022");
  ASSERT_TRUE(year);
  EXPECT_EQ(year->precision(), DatePrecision::kYear);
  EXPECT_EQ(year->ToString(), "2022");
  auto month = PartialDate::Parse("2025-07");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->precision(), DatePrecision::kMonth);
  EXPECT_EQ(month->month(), 7);
  EXPECT_EQ(month->ToString(), "2025-07");
  auto day = PartialDate::Parse("2025-07-03");
  ASSERT_TRUE(day);
  EXPECT_EQ(day->ToString(), "2025-07-03");
  EXPECT_EQ(PartialDate::Parse("2025/07/03")->ToString(), "2025-07-03");
  EXPECT_EQ(PartialDate::Parse("2025-07-03T10:00:00Z")->ToString(), "2025-07-03");
}

TEST(PartialDate, RejectsImpossibleDates) {
  EXPECT_FALSE(PartialDate::Parse("2025-02-29"));
  EXPECT_TRUE(PartialDate::Parse("2024-02-29"));
  EXPECT_FALSE(PartialDate::Parse("2025-13"));
  EXPECT_FALSE(PartialDate::Parse("2025-00"));
  EXPECT_FALSE(PartialDate::Parse("20250"));
  EXPECT_FALSE(PartialDate::Parse("luglio"));
  EXPECT_FALSE(PartialDate::Parse(""));
  EXPECT_FALSE(PartialDate::Parse("2025-7"));
}

TEST(StringStore, InternsOnceAndKeepsViewsStable) {
  StringStore store;
  EXPECT_EQ(store.Intern(""), StringStore::kNone);
  uint32_t a = store.Intern("telefonata");
  std::string_view view = store.Get(a);
  for (int i = 0; i < 20000; ++i) store.Intern("parola" + std::to_string(i));  // forces new chunks
  EXPECT_EQ(store.Intern("telefonata"), a);
  EXPECT_EQ(view, "telefonata");  // still valid after growth
  EXPECT_EQ(store.Find("parola42"), store.Intern("parola42"));
  EXPECT_EQ(store.Find("absent"), StringStore::kNone);
}

}  // namespace
}  // namespace cronaca
