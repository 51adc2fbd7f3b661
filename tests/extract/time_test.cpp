// Unit tests of the time tagger's parts that the golden files
// (time_golden_test.cpp) cannot reach: calendar arithmetic, the grammar
// loader's errors, the resolver's partial anchors, a third language added
// as a file only, and the span invariant on arbitrary text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "common/pipeline.h"
#include "common/resources.h"
#include "extract/time/calendar.h"
#include "extract/time/time_grammar.h"
#include "extract/time/time_resolver.h"
#include "extract/time/time_tagger.h"
#include "ingest/reader.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace cronaca {
namespace {

using timex::TimeGrammar;

// --- calendar --------------------------------------------------------------

TEST(TimeCalendarTest, DaysRoundTripAndWeekdays) {
  EXPECT_EQ(timex::DaysFromCivil(1970, 1, 1), 0);
  for (int64_t day = -800000; day <= 800000; day += 997) {
    timex::CivilDate d = timex::CivilFromDays(day);
    EXPECT_EQ(timex::DaysFromCivil(d.year, d.month, d.day), day);
  }
  EXPECT_EQ(timex::IsoWeekday(timex::DaysFromCivil(2025, 7, 3)), 4);   // Thursday
  EXPECT_EQ(timex::IsoWeekday(timex::DaysFromCivil(2024, 2, 29)), 4);  // leap day
  EXPECT_EQ(timex::FormatDay(timex::DaysFromCivil(2024, 2, 29) + 1), "2024-03-01");
}

TEST(TimeCalendarTest, IsoWeeksAtYearBoundaries) {
  struct Case { int y, m, d; const char* week; };
  const Case cases[] = {
      {2025, 7, 4, "2025-W27"},  {2025, 10, 9, "2025-W41"}, {2024, 12, 30, "2025-W01"},
      {2021, 1, 3, "2020-W53"},  {2026, 1, 1, "2026-W01"},  {2027, 1, 1, "2026-W53"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(timex::FormatWeek(timex::DaysFromCivil(c.y, c.m, c.d)), c.week) << c.y << "-" << c.m << "-" << c.d;
  }
}

TEST(TimeCalendarTest, AddMonthsCrossesYears) {
  EXPECT_EQ(timex::AddMonths(2025, 1, -1).year, 2024);
  EXPECT_EQ(timex::AddMonths(2025, 1, -1).month, 12);
  EXPECT_EQ(timex::AddMonths(2025, 11, 3).year, 2026);
  EXPECT_EQ(timex::AddMonths(2025, 11, 3).month, 2);
  EXPECT_EQ(timex::AddMonths(2025, 7, -19).year, 2023);
  EXPECT_EQ(timex::AddMonths(2025, 7, -19).month, 12);
}

// --- the grammar format ------------------------------------------------------

constexpr const char* kMiniGrammar = R"(# a minimal grammar
[settings]
weekday_includes_today = yes
[classes]
weekday weekday capitalised
unit unit
relday offset
[lexicon]
weekday Montag 1
unit Tage day
relday gestern -1
[tense]
future wird
[rules]
wd : am? [@weekday] => weekday          # "am Montag"
rel : [@relday] => relday
dur : [#num @unit] => duration
)";

TEST(TimeGrammarTest, ParsesAMinimalGrammar) {
  Result<TimeGrammar> g = TimeGrammar::Parse(kMiniGrammar, "mini.txt", "de");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->rules().size(), 3u);
  EXPECT_EQ(g->rules()[0].id, "time.de.wd");
  EXPECT_EQ(g->rules()[0].span_begin, 1u);  // "am" is context
  EXPECT_EQ(g->rules()[0].span_end, 2u);
  EXPECT_TRUE(g->settings().weekday_includes_today);
  uint32_t montag = g->FindWord("montag");
  ASSERT_NE(montag, TimeGrammar::kNoWord);
  EXPECT_EQ(g->word(montag).entries.size(), 1u);
  EXPECT_EQ(g->word(g->FindWord("wird")).tense, timex::Tense::kFuture);
  EXPECT_EQ(g->FindWord("dienstag"), TimeGrammar::kNoWord);
}

TEST(TimeGrammarTest, ErrorsNameFileAndLine) {
  struct Case { const char* text; const char* expected; };
  const Case cases[] = {
      {"[rules]\nx : [@nope] => date\n", "bad.txt:2: unknown class '@nope'"},
      {"[classes]\nmonth month\n[rules]\nx : [@month] => duration\n", "bad.txt:4: operation 'duration' needs the unit slot"},
      {"[classes]\nunit unit\n[lexicon]\nunit giorni fortnight\n", "bad.txt:4: unknown unit 'fortnight'"},
      {"[classes]\nmonth month\n[lexicon]\nmonth gennaio 13\n", "bad.txt:4: value out of range for slot month"},
      {"word before a section\n", "bad.txt:1: a line before the first [section]"},
      {"[rules]\nx : [#year] => date\nx : [#year] => date\n", "bad.txt:3: rule id 'x' used twice"},
      {"[rules]\nx : [#year => date\n", "bad.txt:2: unclosed '['"},
      {"[rules]\nx : [#day?] => date\n", "bad.txt:2: the span '[ ... ]' needs an element that is not optional"},
      {"[rules]\nx : [#numero] => date\n", "bad.txt:2: unknown builtin '#numero'"},
      {"[rules]\nx : [#year] => datum\n", "bad.txt:2: unknown operation 'datum'"},
      {"[rules]\nx : [#int] => shift unit=day\n", "bad.txt:2: operation 'shift' needs sign=-1 or sign=1"},
      {"[settings]\nweekday_includes_today = maybe\n", "bad.txt:2: weekday_includes_today must be yes or no"},
      {"[tense]\nfuture will\npast will\n", "bad.txt:3: 'will' is already a tense cue"},
      {"[sections]\n", "bad.txt:1: unknown section [sections]"},
      {"[settings]\n", "no [rules]"},
  };
  for (const Case& c : cases) {
    Result<TimeGrammar> g = TimeGrammar::Parse(c.text, "bad.txt", "xx");
    ASSERT_FALSE(g.ok()) << c.text;
    EXPECT_EQ(g.status().code(), StatusCode::kResourceError);
    EXPECT_NE(g.status().message().find(c.expected), std::string::npos)
        << "got: " << g.status().message() << "\nwant: " << c.expected;
  }
}

TEST(TimeGrammarTest, ShippedGrammarsLoad) {
  for (const char* lang : {"it", "en"}) {
    Result<std::filesystem::path> path = FindResource(lang, "time.txt");
    ASSERT_TRUE(path.ok()) << path.status().ToString();
    Result<TimeGrammar> g = TimeGrammar::Load(*path);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    EXPECT_GT(g->rules().size(), 40u) << lang;
  }
}

TEST(TimeGrammarTest, LowerCasesUnicode) {
  std::string out;
  timex::LowerInto("GIOVEDÌ Venerdì ÈCCO", &out);
  EXPECT_EQ(out, "giovedì venerdì ècco");
}

// --- the resolver ---------------------------------------------------------------

class TimeResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<TimeGrammar> g = TimeGrammar::Parse(R"(
[classes]
weekday weekday
month month
unit unit
relday offset
[lexicon]
weekday giovedì 4
month gennaio 1
unit mese month
relday ieri -1
[rules]
wd : [@weekday] => weekday
month : [@month] => date
last : [il @unit scorso] => relunit offset=-1
rel : [@relday] => relday
)", "r.txt", "it");
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    grammar_ = std::move(*g);
    context_.settings = &grammar_.settings();
  }
  timex::Resolution Run(size_t rule, timex::Slots slots, std::optional<PartialDate> anchor,
                        timex::Tense tense = timex::Tense::kPast) {
    context_.anchor = anchor;
    context_.tense = tense;
    for (size_t s = 0; s < timex::kSlotCount; ++s) {
      auto slot = static_cast<timex::Slot>(s);
      if (grammar_.rules()[rule].constants.Has(slot)) slots.Set(slot, grammar_.rules()[rule].constants.Get(slot));
    }
    return timex::Resolve(grammar_.rules()[rule], slots, context_);
  }
  static timex::Slots With(timex::Slot slot, int64_t value) {
    timex::Slots s;
    s.Set(slot, value);
    return s;
  }
  TimeGrammar grammar_ = *TimeGrammar::Parse("[rules]\nx : [#year] => date\n", "-", "it");
  timex::ResolveContext context_;
};

TEST_F(TimeResolverTest, WeekdayWithFullPartialAndNoAnchor) {
  timex::Slots thursday = With(timex::Slot::kWeekday, 4);
  timex::Resolution day = Run(0, thursday, PartialDate(2025, 7, 4));
  EXPECT_EQ(day.value, "2025-07-03");
  EXPECT_TRUE(day.relative);
  timex::Resolution month = Run(0, thursday, PartialDate(2025, 7));
  EXPECT_EQ(month.value, "");
  EXPECT_EQ(month.candidates,
            (std::vector<std::string>{"2025-07-03", "2025-07-10", "2025-07-17", "2025-07-24", "2025-07-31"}));
  timex::Resolution none = Run(0, thursday, std::nullopt);
  EXPECT_EQ(none.value, "");
  EXPECT_TRUE(none.candidates.empty());
  EXPECT_TRUE(none.relative);
  // A whole year of Thursdays is too many: merged into the year.
  timex::Resolution year = Run(0, thursday, PartialDate(2025));
  EXPECT_EQ(year.candidates, (std::vector<std::string>{"2025"}));
}

TEST_F(TimeResolverTest, FutureWeekdayIsTheComingOne) {
  timex::Resolution r = Run(0, With(timex::Slot::kWeekday, 4), PartialDate(2025, 7, 4), timex::Tense::kFuture);
  EXPECT_EQ(r.value, "2025-07-10");
}

TEST_F(TimeResolverTest, MonthWithoutYearFollowsTheTense) {
  timex::Slots january = With(timex::Slot::kMonth, 1);
  // Six months either way: the tense decides.
  EXPECT_EQ(Run(1, january, PartialDate(2025, 7, 4), timex::Tense::kPast).value, "2025-01");
  EXPECT_EQ(Run(1, january, PartialDate(2025, 7, 4), timex::Tense::kFuture).value, "2026-01");
  EXPECT_EQ(Run(1, january, PartialDate(2025, 7, 4), timex::Tense::kNone).value, "2025-01");
  // With a month anchor every day of July gives the same month: one value.
  EXPECT_EQ(Run(1, january, PartialDate(2025, 7), timex::Tense::kPast).value, "2025-01");
}

TEST_F(TimeResolverTest, RelativeMonthAndDay) {
  EXPECT_EQ(Run(2, With(timex::Slot::kUnit, static_cast<int64_t>(timex::TimeUnit::kMonth)),
                PartialDate(2025, 1, 15)).value, "2024-12");
  EXPECT_EQ(Run(2, With(timex::Slot::kUnit, static_cast<int64_t>(timex::TimeUnit::kMonth)),
                PartialDate(2025, 7)).value, "2025-06");
  timex::Resolution ieri = Run(3, With(timex::Slot::kOffset, -1), PartialDate(2025, 3, 1));
  EXPECT_EQ(ieri.value, "2025-02-28");
  ASSERT_TRUE(ieri.day.has_value());
  // "ieri" in a July article is a day of July (or 30 June): merged to the month.
  EXPECT_EQ(Run(3, With(timex::Slot::kOffset, -1), PartialDate(2025, 7)).candidates,
            (std::vector<std::string>{"2025-07"}));
}

TEST(TimeDurationTest, Formats) {
  using timex::FormatDuration;
  using timex::TimeUnit;
  EXPECT_EQ(FormatDuration(1, TimeUnit::kHour, false), "PT1H");
  EXPECT_EQ(FormatDuration(1, TimeUnit::kHour, true), "PT1H30M");
  EXPECT_EQ(FormatDuration(0, TimeUnit::kHour, true), "PT30M");
  EXPECT_EQ(FormatDuration(12, TimeUnit::kDay, false), "P12D");
  EXPECT_EQ(FormatDuration(3, TimeUnit::kWeek, false), "P3W");
  EXPECT_EQ(FormatDuration(3, TimeUnit::kYear, true), "P3Y6M");
  EXPECT_EQ(FormatDuration(1, TimeUnit::kDecade, false), "P10Y");
  EXPECT_EQ(FormatDuration(2, TimeUnit::kCentury, false), "P200Y");
  EXPECT_EQ(FormatDuration(0, TimeUnit::kCentury, true), "P50Y");
  EXPECT_EQ(FormatDuration(86, TimeUnit::kMinute, false), "PT86M");
}

// --- the stage -----------------------------------------------------------------

// Runs Normalizer, a fixed language and Segmenter, then `times`.
Document Analyze(Stage& times, const std::string& text, const std::string& lang,
                 std::optional<PartialDate> date) {
  Metadata meta;
  meta.lang_hint = lang;
  if (date) {
    meta.has_date = true;
    meta.date = *date;
  }
  Result<Document> doc = MakeDocument("t", text, "test", &meta);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  if (!doc.ok()) return Document();
  auto normalizer = MakeNormalizer();
  EXPECT_TRUE(normalizer->Process(*doc).ok());
  doc->AddLayers(normalizer->assigns_layers());
  for (Paragraph& p : doc->paragraphs()) {
    p.lang = lang;
    p.lang_confidence = 1.0f;
  }
  doc->set_lang(lang, 1.0f);
  doc->AddLayers(kLayerLanguage);
  auto segmenter = MakeSegmenter();
  EXPECT_TRUE(segmenter.ok());
  EXPECT_TRUE((*segmenter)->Process(*doc).ok());
  doc->AddLayers((*segmenter)->assigns_layers());
  EXPECT_TRUE(times.Process(*doc).ok());
  return std::move(*doc);
}

TEST(TimeTaggerTest, AThirdLanguageIsAFileNotCode) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "cronaca_time_test_de";
  std::filesystem::create_directories(dir / "de");
  {
    std::ofstream out(dir / "de" / "time.txt");
    out << kMiniGrammar;
  }
  Result<std::unique_ptr<Stage>> stage = MakeTimeTagger(dir);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  EXPECT_EQ((*stage)->name(), "cronaca.Times.v1");
  Document doc = Analyze(**stage, "Der Kanzler sprach am Montag, gestern kam die Antwort nach 12 Tage.", "de",
                         PartialDate(2025, 7, 4));
  const auto& times = doc.extractions().times;
  ASSERT_EQ(times.size(), 3u);
  EXPECT_EQ(doc.Text(times[0].span), "Montag");
  EXPECT_EQ(times[0].value, "2025-06-30");
  EXPECT_EQ(doc.Text(times[1].span), "gestern");
  EXPECT_EQ(times[1].value, "2025-07-03");
  EXPECT_EQ(times[2].value, "P12D");
  EXPECT_EQ(times[2].type, TimeType::kDuration);
  EXPECT_EQ(times[2].rule, "time.de.dur");
  // A language without a grammar file gets no times, and no error.
  Document other = Analyze(**stage, "Il vertice si è tenuto giovedì.", "it", PartialDate(2025, 7, 4));
  EXPECT_TRUE(other.extractions().times.empty());
  std::filesystem::remove_all(dir);
}

TEST(TimeTaggerTest, ABrokenGrammarFailsAtConstruction) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "cronaca_time_test_broken";
  std::filesystem::create_directories(dir / "xx");
  {
    std::ofstream out(dir / "xx" / "time.txt");
    out << "[rules]\nx : [@missing] => date\n";
  }
  Result<std::unique_ptr<Stage>> stage = MakeTimeTagger(dir);
  ASSERT_FALSE(stage.ok());
  EXPECT_NE(stage.status().message().find("time.txt:2: unknown class '@missing'"), std::string::npos)
      << stage.status().message();
  std::filesystem::remove_all(dir);
}

TEST(TimeTaggerTest, SpanInvariantOnRandomText) {
  Result<std::unique_ptr<Stage>> stage = MakeTimeTagger();
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  // Pieces that trigger the grammar, glued with random separators and
  // multi-byte characters.
  const std::vector<std::string> pieces = {
      "giovedì", "ieri", "3", "luglio", "2025", "all'", "inizio", "di", "un'", "ora", "e", "mezza",
      "Monday", "July", "the", "weekend", "30", "-", "day", "’", "«", "…", "È", "nel", "fa", "ago",
      "1.000", "3.7.2025", "/", ",", "mid", "Natale", "°", "\xC2\xA0", "\xE2\x80\x8B"};
  const std::vector<std::string> seps = {" ", "", "  ", "\n", "\n\n", ". "};
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) {
      text += pieces[rng() % pieces.size()];
      text += seps[rng() % seps.size()];
    }
    for (const char* lang : {"it", "en"}) {
      Document doc = Analyze(**stage, text, lang, round % 3 == 0 ? std::nullopt
                                                  : round % 3 == 1 ? std::optional<PartialDate>(PartialDate(2025, 7))
                                                                   : std::optional<PartialDate>(PartialDate(2025, 7, 4)));
      for (const TimeExpression& t : doc.extractions().times) {
        ASSERT_LE(t.span.begin, t.span.end);
        ASSERT_LE(t.span.end, doc.original().size());
        EXPECT_GT(t.span.size(), 0u) << text;
        EXPECT_TRUE(t.value.empty() || t.candidates.empty()) << text;
        EXPECT_FALSE(t.rule.empty());
      }
    }
  }
}

TEST(TimeTaggerTest, EmptyAndHugeDocuments) {
  Result<std::unique_ptr<Stage>> stage = MakeTimeTagger();
  ASSERT_TRUE(stage.ok());
  Document empty;
  EXPECT_TRUE((*stage)->Process(empty).ok());
  EXPECT_TRUE(empty.extractions().times.empty());
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "Il ministro ha parlato ieri per due ore. ";
  Document doc = Analyze(**stage, big, "it", PartialDate(2025, 7, 4));
  EXPECT_EQ(doc.extractions().times.size(), 4000u);
}

}  // namespace
}  // namespace cronaca
