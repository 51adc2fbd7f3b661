// Golden-file tests of the actor stage: tests/extract/data/actors_mentions.test
// (format in its header), with the fixture dictionary in
// tests/extract/data/actors and the real text stages and morphology.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/resources.h"
#include "engine/analyzer.h"
#include "extract/actors/actors.h"
#include "ingest/reader.h"

namespace cronaca {
namespace {

const std::filesystem::path kData = std::filesystem::path(CRONACA_TEST_DATA_DIR) / "extract" / "data";

struct Expected {
  std::string text, code, type, resolution, entity;
};

struct Case {
  size_t line = 0;
  std::string lang;
  std::string date;
  std::string text;
  std::vector<Expected> mentions;
};

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<Case> ReadCases(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '@') {
      Case c;
      c.line = line_no;
      std::istringstream fields(line.substr(1));
      std::string field;
      while (fields >> field) {
        if (field.rfind("lang=", 0) == 0) c.lang = field.substr(5);
        if (field.rfind("date=", 0) == 0) c.date = field.substr(5);
      }
      cases.push_back(c);
    } else if (line[0] == '>') {
      if (!cases.back().text.empty()) cases.back().text += "\n";
      cases.back().text += Trim(line.substr(1));
    } else {
      std::vector<std::string> parts;
      std::stringstream ss(line);
      std::string part;
      while (std::getline(ss, part, '|')) parts.push_back(Trim(part));
      EXPECT_EQ(parts.size(), 5u) << path << ":" << line_no;
      parts.resize(5);
      cases.back().mentions.push_back({parts[0], parts[1], parts[2], parts[3], parts[4]});
    }
  }
  return cases;
}

// The text stages and morphology, shared by all tests (slow to build).
Analyzer& TextAnalyzer() {
  static std::unique_ptr<Analyzer> analyzer = [] {
    AnalyzerOptions options;
    options.stages = {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1",
                      "cronaca.Morphology.v1"};
    auto made = Analyzer::Create(options);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return std::move(*made);
  }();
  return *analyzer;
}

std::shared_ptr<const actors::ActorDictionary> Fixture() {
  auto dict = SharedActorDictionary(kData / "actors");
  EXPECT_TRUE(dict.ok()) << dict.status().ToString();
  return dict.ok() ? *dict : nullptr;
}

TEST(ActorsMentions, GoldenFile) {
  std::vector<Case> cases = ReadCases(kData / "actors_mentions.test");
  ASSERT_GT(cases.size(), 20u);
  std::shared_ptr<const actors::ActorDictionary> dict = Fixture();
  ASSERT_TRUE(dict);
  std::unique_ptr<Stage> stage = MakeActors(dict);
  for (const Case& c : cases) {
    SCOPED_TRACE("actors_mentions.test:" + std::to_string(c.line) + ": " + c.text);
    Metadata meta;
    meta.lang_hint = c.lang;
    if (!c.date.empty()) {
      auto date = PartialDate::Parse(c.date);
      ASSERT_TRUE(date);
      meta.has_date = true;
      meta.date = *date;
    }
    auto doc = MakeDocument("case", c.text, "case", &meta);
    ASSERT_TRUE(doc.ok());
    ASSERT_TRUE(TextAnalyzer().Analyze(*doc).ok());
    // Short texts fool language identification: the case says the language.
    for (Paragraph& p : doc->paragraphs()) p.lang = c.lang;
    ASSERT_TRUE(stage->Process(*doc).ok());
    const std::vector<Mention>& got = doc->extractions().mentions;
    std::string listing;
    for (const Mention& m : got) {
      listing += "\n  " + std::string(doc->Text(m.span)) + " | " + m.code + " | " + MentionTypeName(m.type) + " | " +
                 ResolutionName(m.resolution) + " | " + m.entity + "   (" + m.rule + ")";
    }
    EXPECT_EQ(got.size(), c.mentions.size()) << "got:" << listing;
    if (got.size() != c.mentions.size()) continue;
    for (size_t i = 0; i < got.size(); ++i) {
      const Mention& m = got[i];
      const Expected& e = c.mentions[i];
      EXPECT_EQ(doc->Text(m.span), e.text) << "got:" << listing;
      EXPECT_EQ(m.code, e.code) << e.text;
      EXPECT_EQ(MentionTypeName(m.type), e.type) << e.text;
      EXPECT_EQ(ResolutionName(m.resolution), e.resolution) << e.text;
      EXPECT_EQ(m.entity, e.entity) << e.text;
      EXPECT_FALSE(m.rule.empty());
      if (m.antecedent != kNoIndex) {
        ASSERT_LT(m.antecedent, i);
        EXPECT_EQ(got[m.antecedent].entity, m.entity);
      }
    }
  }
}

// Mentions never overlap, come in document order and stay inside their sentence.
TEST(ActorsMentions, SpansAreOrderedAndInsideSentences) {
  std::shared_ptr<const actors::ActorDictionary> dict = Fixture();
  ASSERT_TRUE(dict);
  std::unique_ptr<Stage> stage = MakeActors(dict);
  Metadata meta;
  meta.lang_hint = "it";
  auto doc = MakeDocument("t",
                          "Il presidente russo Vladimir Putin ha chiamato Kiev. «La Russia non cede», ha detto "
                          "il portavoce del Cremlino, mentre le truppe ucraine e la Nato... Mosca tace.",
                          "t", &meta);
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE(TextAnalyzer().Analyze(*doc).ok());
  ASSERT_TRUE(stage->Process(*doc).ok());
  const auto& mentions = doc->extractions().mentions;
  ASSERT_GE(mentions.size(), 6u);
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    EXPECT_LT(m.span.begin, m.span.end);
    EXPECT_TRUE(doc->sentences()[m.sentence].span.Contains(m.span));
    if (i > 0) EXPECT_LE(mentions[i - 1].span.end, m.span.begin);
  }
  EXPECT_TRUE(doc->layers() & kLayerMentions);
}

TEST(ActorsMentions, WorksWithoutMorphology) {
  std::shared_ptr<const actors::ActorDictionary> dict = Fixture();
  ASSERT_TRUE(dict);
  AnalyzerOptions options;
  options.stages = {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1"};
  auto analyzer = Analyzer::Create(options);
  ASSERT_TRUE(analyzer.ok());
  Metadata meta;
  meta.lang_hint = "it";
  auto doc = MakeDocument("t", "Il bambino è nato a Mosca. La Nato ha risposto a Putin.", "t", &meta);
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE((*analyzer)->Analyze(*doc).ok());
  std::unique_ptr<Stage> stage = MakeActors(dict);
  ASSERT_TRUE(stage->Process(*doc).ok());
  std::vector<std::string> codes;
  for (const Mention& m : doc->extractions().mentions) codes.push_back(std::string(doc->Text(m.span)) + "=" + m.code);
  // Without a lexicon lower-case "nato" is never the alliance.
  EXPECT_EQ(codes, (std::vector<std::string>{"Mosca=RUS", "Nato=NATO", "Putin=RUSGOV"}));
}

TEST(ActorsMentions, StageContract) {
  std::shared_ptr<const actors::ActorDictionary> dict = Fixture();
  ASSERT_TRUE(dict);
  std::unique_ptr<Stage> stage = MakeActors(dict);
  EXPECT_EQ(stage->name(), "cronaca.Actors.v1");
  EXPECT_EQ(stage->assigns_layers(), kLayerMentions);
  EXPECT_TRUE(stage->requires_layers() & kLayerTokens);
  // An empty document has no mentions and no error.
  Document empty("e", "");
  empty.AddLayers(kLayerTokens | kLayerSentences | kLayerLanguage);
  EXPECT_TRUE(stage->Process(empty).ok());
  EXPECT_TRUE(empty.extractions().mentions.empty());
}

}  // namespace
}  // namespace cronaca
