// Quality gates on the project's own annotated snippets (tests/eval/data,
// written blind to the rules; see its README): analyse them with the default
// pipeline and score with the FORMAT.md rules. Layers that are built have a
// threshold; the others are printed for the record.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/analyzer.h"
#include "eval/scorer.h"
#include "ingest/reader.h"
#include "serve/output.h"

namespace cronaca {
namespace {

struct Scored {
  eval::EvalReport report;
  size_t docs = 0;
};

Scored ScoreFile(const std::string& path) {
  std::vector<nlohmann::json> gold, predicted;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) gold.push_back(nlohmann::json::parse(line));
  }
  auto analyzer = Analyzer::Create(AnalyzerOptions{});
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  InputReader reader({path});
  while (auto item = reader.Next()) {
    EXPECT_TRUE(item->ok());
    if (!item->ok()) continue;
    Document doc = std::move(item->value());
    EXPECT_TRUE((*analyzer)->Analyze(doc).ok());
    predicted.push_back(DocumentToJson(doc, (*analyzer)->strings()));
  }
  return {eval::Score(gold, predicted), gold.size()};
}

class HeldOut : public ::testing::TestWithParam<const char*> {};

TEST_P(HeldOut, TimesMeetTheBar) {
  std::string path = std::string(CRONACA_TEST_DATA_DIR) + "/eval/data/heldout_" + GetParam() + ".jsonl";
  Scored s = ScoreFile(path);
  ASSERT_GE(s.docs, 50u);
  std::printf("%s", eval::FormatReport(s.report, std::string("held-out ") + GetParam()).c_str());
  EXPECT_GE(s.report.times.Precision(), 0.9);
  EXPECT_GE(s.report.times.Recall(), 0.9);
  EXPECT_GE(s.report.ValueAccuracy(), 0.9);
}

TEST_P(HeldOut, QuotesMeetTheBar) {
  std::string path = std::string(CRONACA_TEST_DATA_DIR) + "/eval/data/heldout_" + GetParam() + ".jsonl";
  Scored s = ScoreFile(path);
  EXPECT_GE(s.report.quotes.Precision(), 0.9);
  EXPECT_GE(s.report.quotes.Recall(), 0.9);
  EXPECT_GE(s.report.SpeakerAccuracy(), 0.9);
}

// Event coding (issue #6; root level: source and target country + CAMEO
// root). The bar sits a little below the figure measured when it was last
// raised (2026-11: it 0.577, en 0.471), so a regression fails; the issue's
// goal is 0.75. Full-code F1 is printed by TimesMeetTheBar's report.
TEST_P(HeldOut, EventsMeetTheBar) {
  std::string path = std::string(CRONACA_TEST_DATA_DIR) + "/eval/data/heldout_" + GetParam() + ".jsonl";
  Scored s = ScoreFile(path);
  const double bar = std::string(GetParam()) == "it" ? 0.56 : 0.45;
  EXPECT_GE(s.report.events_root.F1(), bar);
  EXPECT_GE(s.report.events_root.Precision(), 0.6);
}

INSTANTIATE_TEST_SUITE_P(Languages, HeldOut, ::testing::Values("it", "en"));

}  // namespace
}  // namespace cronaca
