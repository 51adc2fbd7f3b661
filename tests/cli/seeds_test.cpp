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

}  // namespace
}  // namespace cronaca
