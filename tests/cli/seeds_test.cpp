// The two real seed articles in ../shared/seeds (when present): they are
// read, never copied into the repository.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/analyzer.h"
#include "ingest/reader.h"

namespace cronaca {
namespace {

namespace fs = std::filesystem;

const fs::path kSeeds = fs::path(CRONACA_SHARED_DIR) / "seeds";

std::optional<fs::path> Seed(const std::string& prefix) {
  std::error_code ec;
  if (!fs::is_directory(kSeeds, ec)) return std::nullopt;
  for (const auto& entry : fs::directory_iterator(kSeeds)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) return entry.path();
  }
  return std::nullopt;
}

Document AnalyzeFile(const fs::path& path) {
  InputReader reader({path.string()});
  auto item = reader.Next();
  EXPECT_TRUE(item && item->ok());
  Document doc = std::move(item->value());
  AnalyzerOptions options;
  auto analyzer = Analyzer::Create(options);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  Status s = (*analyzer)->Analyze(doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

TEST(Seeds, BothAreItalian) {
  for (const char* prefix : {"000_", "003_"}) {
    auto path = Seed(prefix);
    if (!path) GTEST_SKIP() << "no ../shared/seeds";
    Document doc = AnalyzeFile(*path);
    EXPECT_EQ(doc.lang(), "it") << *path;
    EXPECT_GT(doc.lang_confidence(), 0.8f);
    EXPECT_GT(doc.sentences().size(), 5u);
  }
}

TEST(Seeds, ScrapedHeaderIsMetadataNotBody) {
  auto path = Seed("003_");
  if (!path) GTEST_SKIP() << "no ../shared/seeds";
  Document doc = AnalyzeFile(*path);
  ASSERT_TRUE(doc.metadata().has_date);
  EXPECT_EQ(doc.metadata().date.ToString(), "2025-07");
  EXPECT_EQ(doc.BodyText().find("date 2025-07"), std::string_view::npos);
  for (const Sentence& s : doc.sentences()) {
    EXPECT_EQ(doc.Text(s.span).find("date 2025"), std::string_view::npos);
    EXPECT_GE(s.span.begin, doc.body().begin);
  }
  bool flagged = false;
  for (const QualityFlag& f : doc.quality_flags()) flagged |= f.kind == "leaked-metadata";
  EXPECT_TRUE(flagged);
}

TEST(Seeds, EverySpanPointsAtItsOriginalBytes) {
  for (const char* prefix : {"000_", "003_"}) {
    auto path = Seed(prefix);
    if (!path) GTEST_SKIP() << "no ../shared/seeds";
    Document doc = AnalyzeFile(*path);
    for (const TokenData& t : doc.tokens()) {
      ASSERT_LT(t.span.begin, t.span.end);
      ASSERT_LE(t.span.end, doc.original().size());
      EXPECT_EQ(doc.ToOriginal(t.norm.begin, t.norm.end), t.span);
      // Normalisation only folds punctuation: letters and digits are equal.
      std::string_view orig = doc.Text(t.span);
      if (t.kind == TokenKind::kWord && orig.find("\xE2\x80") == std::string_view::npos) {
        EXPECT_EQ(orig, doc.NormText(t));
      }
    }
  }
}

// --- events (issue #6): what the two seeds must code ------------------------

// Whether `doc` has an event whose code starts with `code`, source with
// `source` and target with `target` (an empty prefix matches anything), and,
// if `date` is not empty, whose date starts with it.
bool HasSeedEvent(const Document& doc, const std::string& code, const std::string& source, const std::string& target,
                  const std::string& date = "") {
  for (const Event& e : doc.extractions().events) {
    if (e.code.rfind(code, 0) == 0 && e.source.rfind(source, 0) == 0 && e.target.rfind(target, 0) == 0 &&
        (date.empty() || e.date.rfind(date, 0) == 0)) {
      return true;
    }
  }
  return false;
}

std::string EventList(const Document& doc) {
  std::string out;
  for (const Event& e : doc.extractions().events) out += e.source + ">" + e.target + ":" + e.code + " " + e.rule + "\n";
  return out;
}

TEST(Seeds, FirstSeedCodesTheReportedEvents) {
  auto path = Seed("000_");
  if (!path) GTEST_SKIP() << "no ../shared/seeds";
  Document doc = AnalyzeFile(*path);
  const std::string list = EventList(doc);
  EXPECT_TRUE(HasSeedEvent(doc, "041", "RUS", "USA")) << list;   // the phone call, nominal ("conversazione telefonica")
  EXPECT_TRUE(HasSeedEvent(doc, "16", "USA", "UKR")) << list;    // the halt of weapons deliveries
  EXPECT_TRUE(HasSeedEvent(doc, "12", "RUS", "USA")) << list;    // the ceasefire proposal rejected
  EXPECT_TRUE(HasSeedEvent(doc, "05", "UKR", "")) << list;       // Ukraine supports it
  EXPECT_TRUE(HasSeedEvent(doc, "03", "RUS", "")) << list;       // the offer to mediate
  EXPECT_TRUE(HasSeedEvent(doc, "19", "USA", "IRN")) << list;    // the strikes on Iranian nuclear sites
  EXPECT_TRUE(HasSeedEvent(doc, "11", "RUS", "")) << list;       // Moscow's condemnation
  EXPECT_TRUE(HasSeedEvent(doc, "04", "UKR", "EU")) << list;     // Zelenskyy meets EU leaders
  EXPECT_TRUE(HasSeedEvent(doc, "19", "RUS", "UKR", "2022")) << list;  // the 2022 invasion
  // the intensified attacks: a second, undated 19x from Russia on Ukraine
  bool intensified = false;
  for (const Event& e : doc.extractions().events) {
    intensified |= e.code.rfind("19", 0) == 0 && e.source.rfind("RUS", 0) == 0 && e.target.rfind("UKR", 0) == 0 &&
                   e.date.rfind("2022", 0) != 0;
  }
  EXPECT_TRUE(intensified) << list;
  // "non era “non felice”" is no event (nor a pleased Trump)
  for (const Event& e : doc.extractions().events) {
    const Sentence& sent = doc.sentences()[e.sentence];
    std::string_view text = doc.Text(sent.span);
    EXPECT_EQ(text.find("felice"), std::string_view::npos) << e.rule;
  }
}

TEST(Seeds, SecondSeedCodesTheReportedEvents) {
  auto path = Seed("003_");
  if (!path) GTEST_SKIP() << "no ../shared/seeds";
  Document doc = AnalyzeFile(*path);
  const std::string list = EventList(doc);
  // the Putin-Trump call, nominal ("la telefonata di Donald Trump"), either direction
  EXPECT_TRUE(HasSeedEvent(doc, "041", "USA", "RUS") || HasSeedEvent(doc, "041", "RUS", "USA")) << list;
  EXPECT_TRUE(HasSeedEvent(doc, "03", "RUS", "")) << list;    // ready to go on negotiating
  EXPECT_TRUE(HasSeedEvent(doc, "16", "USA", "UKR")) << list;  // the halted supply of weapons
  EXPECT_TRUE(HasSeedEvent(doc, "04", "UKR", "DNK")) << list;  // Zelensky arrives in Aarhus
  EXPECT_TRUE(HasSeedEvent(doc, "10", "RUS", "")) << list;     // the demands on NATO membership and territory
}

}  // namespace
}  // namespace cronaca
