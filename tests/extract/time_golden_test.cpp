// Runs the golden files of tests/extract/time/*.test (format in README.md
// there) through Normalizer, a fixed language, Segmenter, Morphology and
// cronaca.Times.v1, and compares every time expression found.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/pipeline.h"
#include "extract/time/time_tagger.h"
#include "ingest/reader.h"
#include "morph/morphology.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace cronaca {
namespace {

// Stands in for LanguageId: the golden file says the language, so a short
// test sentence is never misidentified.
class FixedLanguageStage final : public Stage {
 public:
  std::string_view name() const override { return "test.FixedLanguage"; }
  LayerSet requires_layers() const override { return kLayerParagraphs; }
  LayerSet assigns_layers() const override { return kLayerLanguage; }
  Status Process(Document& doc) override {
    const std::string& lang = doc.metadata().lang_hint;
    for (Paragraph& para : doc.paragraphs()) {
      para.lang = lang;
      para.lang_confidence = 1.0f;
    }
    doc.set_lang(lang, 1.0f);
    return Status::Ok();
  }
};

struct Expected {
  std::string text;
  std::string value;                    // "" when none
  std::vector<std::string> candidates;  // {..} in the file
};

struct GoldenCase {
  std::string file;
  size_t line = 0;
  std::string lang;
  std::string date;  // "" when none
  std::string text;
  std::vector<Expected> expected;
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<GoldenCase> ReadCases(const std::filesystem::path& path) {
  std::vector<GoldenCase> cases;
  std::ifstream in(path);
  std::string line;
  std::string lang;
  std::string date;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    auto value_of = [&](const char* key) { return Trim(trimmed.substr(std::string(key).size())); };
    if (trimmed.rfind("lang:", 0) == 0) {
      lang = value_of("lang:");
    } else if (trimmed.rfind("date:", 0) == 0) {
      date = value_of("date:");
      if (date == "none") date.clear();
    } else if (trimmed.rfind("text:", 0) == 0) {
      GoldenCase c;
      c.file = path.filename().string();
      c.line = line_no;
      c.lang = lang;
      c.date = date;
      c.text = value_of("text:");
      cases.push_back(std::move(c));
    } else {
      size_t arrow = trimmed.find(" => ");
      EXPECT_NE(arrow, std::string::npos) << path << ":" << line_no << ": expected 'text => value'";
      EXPECT_FALSE(cases.empty()) << path << ":" << line_no << ": expectation before any text:";
      if (arrow == std::string::npos || cases.empty()) continue;
      Expected e;
      e.text = trimmed.substr(0, arrow);
      std::string value = Trim(trimmed.substr(arrow + 4));
      if (value.size() >= 2 && value.front() == '{' && value.back() == '}') {
        std::istringstream words(value.substr(1, value.size() - 2));
        std::string w;
        while (words >> w) e.candidates.push_back(w);
      } else if (value != "-") {
        e.value = value;
      }
      cases.back().expected.push_back(std::move(e));
    }
  }
  return cases;
}

class TimeGoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    context_ = new PipelineContext();
    pipeline_ = new Pipeline(context_);
    ASSERT_TRUE(pipeline_->Add(MakeNormalizer()).ok());
    ASSERT_TRUE(pipeline_->Add(std::make_unique<FixedLanguageStage>()).ok());
    auto seg = MakeSegmenter();
    ASSERT_TRUE(seg.ok()) << seg.status().ToString();
    ASSERT_TRUE(pipeline_->Add(std::move(*seg)).ok());
    auto morph = MakeMorphology(context_);
    ASSERT_TRUE(morph.ok()) << morph.status().ToString();
    ASSERT_TRUE(pipeline_->Add(std::move(*morph)).ok());
    auto times = MakeTimeTagger();
    ASSERT_TRUE(times.ok()) << times.status().ToString();
    ASSERT_TRUE(pipeline_->Add(std::move(*times)).ok());
  }
  static void TearDownTestSuite() {
    delete pipeline_;
    delete context_;
  }
  static PipelineContext* context_;
  static Pipeline* pipeline_;
};

PipelineContext* TimeGoldenTest::context_ = nullptr;
Pipeline* TimeGoldenTest::pipeline_ = nullptr;

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : " ") + s;
  return out;
}

TEST_F(TimeGoldenTest, GoldenFiles) {
  std::filesystem::path dir = std::filesystem::path(CRONACA_TEST_DATA_DIR) / "extract" / "time";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 7u) << "golden files missing from " << dir;
  size_t n_cases = 0;
  for (const auto& path : files) {
    for (const GoldenCase& c : ReadCases(path)) {
      ++n_cases;
      SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + ": " + c.text);
      Metadata meta;
      meta.lang_hint = c.lang;
      if (!c.date.empty()) {
        auto date = PartialDate::Parse(c.date);
        ASSERT_TRUE(date.has_value()) << c.date;
        meta.has_date = true;
        meta.date = *date;
      }
      auto doc = MakeDocument("golden", c.text, c.file, &meta);
      ASSERT_TRUE(doc.ok()) << doc.status().ToString();
      Status s = pipeline_->Process(*doc);
      ASSERT_TRUE(s.ok()) << s.ToString();
      const std::vector<TimeExpression>& times = doc->extractions().times;
      std::string found;
      for (const TimeExpression& t : times) {
        found += "\n  " + std::string(doc->Text(t.span)) + " => " +
                 (t.value.empty() ? (t.candidates.empty() ? "-" : "{" + Join(t.candidates) + "}") : t.value) +
                 "   [" + t.rule + "]";
      }
      ASSERT_EQ(times.size(), c.expected.size()) << "found:" << found;
      for (size_t i = 0; i < times.size(); ++i) {
        const TimeExpression& t = times[i];
        const Expected& e = c.expected[i];
        // The span invariant: the span's bytes are the surface text.
        EXPECT_EQ(doc->original().substr(t.span.begin, t.span.end - t.span.begin), e.text) << "found:" << found;
        EXPECT_EQ(t.value, e.value) << e.text << "; found:" << found;
        EXPECT_EQ(t.candidates, e.candidates) << e.text << "; found:" << found;
        EXPECT_FALSE(t.rule.empty());
        EXPECT_EQ(t.rule.rfind("time." + c.lang + ".", 0), 0u) << t.rule;
      }
    }
  }
  EXPECT_GE(n_cases, 100u);
}

}  // namespace
}  // namespace cronaca
