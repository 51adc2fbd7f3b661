#include "text/segmenter.h"

#include <gtest/gtest.h>

#include "common/pipeline.h"
#include "ingest/reader.h"
#include "text/language.h"
#include "text/normalizer.h"
#include "common/resources.h"
#include <algorithm>

namespace cronaca {
namespace {

// Normalizer + language + segmenter, as the default pipeline runs them.
class SegmenterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pipeline_ = std::make_unique<Pipeline>(&context_);
    ASSERT_TRUE(pipeline_->Add(MakeNormalizer()).ok());
    auto lid = LanguageIdentifier::Load(DefaultLanguageModelPath(), SupportedLanguages());
    ASSERT_TRUE(pipeline_->Add(MakeLanguageIdentifier(std::move(lid))).ok());
    auto seg = MakeSegmenter();
    ASSERT_TRUE(seg.ok());
    ASSERT_TRUE(pipeline_->Add(std::move(*seg)).ok());
  }
  Document Analyze(const std::string& text, const std::string& lang = "") {
    Metadata meta;
    meta.lang_hint = lang;
    auto doc = MakeDocument("t", text, "test", &meta);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    Status s = pipeline_->Process(*doc);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return std::move(*doc);
  }
  std::vector<std::string> Sentences(const Document& doc) {
    std::vector<std::string> out;
    for (const Sentence& s : doc.sentences()) out.emplace_back(doc.Text(s.span));
    return out;
  }
  std::vector<std::string> Tokens(const Document& doc, size_t sent_idx = 0) {
    std::vector<std::string> out;
    const Sentence& s = doc.sentences()[sent_idx];
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) out.emplace_back(doc.Text(doc.tokens()[i].span));
    return out;
  }
  PipelineContext context_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(SegmenterTest, ItalianAbbreviationsDoNotEndSentences) {
  Document doc = Analyze("Il sig. Rossi e il dott. Bianchi sono arrivati. L'on. Verdi no.", "it");
  EXPECT_EQ(Sentences(doc), (std::vector<std::string>{"Il sig. Rossi e il dott. Bianchi sono arrivati.",
                                                       "L'on. Verdi no."}));
}

TEST_F(SegmenterTest, EnglishAbbreviations) {
  Document doc = Analyze("Gen. Smith met Mr. Jones in the U.S. capital on Monday. They spoke.", "en");
  EXPECT_EQ(Sentences(doc).size(), 2u) << ::testing::PrintToString(Sentences(doc));
}

TEST_F(SegmenterTest, ItalianElisionsAreSplit) {
  Document doc = Analyze("L’aiutante dell’Ucraina ha detto un’altra cosa.", "it");
  EXPECT_EQ(Tokens(doc), (std::vector<std::string>{"L’", "aiutante", "dell’", "Ucraina", "ha", "detto",
                                                    "un’", "altra", "cosa", "."}));
}

TEST_F(SegmenterTest, EnglishCliticsAreSplit) {
  Document doc = Analyze("Russia's envoy didn't come.", "en");
  EXPECT_EQ(Tokens(doc), (std::vector<std::string>{"Russia", "'s", "envoy", "did", "n't", "come", "."}));
}

TEST_F(SegmenterTest, QuotesAndMissingSpaceAfterComma) {
  Document doc = Analyze("Mosca si è detta « pronta » a trattare con Kiev,argomenti respinti.", "it");
  std::vector<std::string> tokens = Tokens(doc);
  EXPECT_EQ(tokens[4], "«");
  EXPECT_EQ(tokens[5], "pronta");
  EXPECT_EQ(tokens[6], "»");
  EXPECT_NE(std::find(tokens.begin(), tokens.end(), "Kiev"), tokens.end());
  EXPECT_NE(std::find(tokens.begin(), tokens.end(), "argomenti"), tokens.end());
  // Kinds and flags.
  const TokenData& first = doc.tokens()[0];
  EXPECT_TRUE(first.flags & kTokenCapitalised);
  EXPECT_TRUE(first.flags & kTokenSentenceStart);
  EXPECT_EQ(doc.tokens()[4].kind, TokenKind::kPunct);
}

TEST_F(SegmenterTest, ParagraphsAreSentenceBoundaries) {
  Document doc = Analyze("Un frammento senza punto\n\nUna frase vera.", "it");
  EXPECT_EQ(Sentences(doc), (std::vector<std::string>{"Un frammento senza punto", "Una frase vera."}));
  EXPECT_EQ(doc.sentences()[1].paragraph, 1u);
}

TEST_F(SegmenterTest, LanguageOfParagraphsAndDocument) {
  Document doc = Analyze(
      "Il presidente del Consiglio ha incontrato ieri a Palazzo Chigi i rappresentanti dei sindacati.\n\n"
      "The prime minister met union leaders yesterday in Rome to discuss the budget.\n\n"
      "Secondo fonti del governo, l'incontro è durato più di due ore e si è concluso senza un accordo.");
  ASSERT_EQ(doc.paragraphs().size(), 3u);
  EXPECT_EQ(doc.paragraphs()[0].lang, "it");
  EXPECT_EQ(doc.paragraphs()[1].lang, "en");
  EXPECT_EQ(doc.lang(), "it");
  EXPECT_GT(doc.lang_confidence(), 0.5f);
}

TEST_F(SegmenterTest, SpanInvariantHoldsForEveryToken) {
  std::string text = "title: x\n\n«Ciao» — disse l’uomo… perche\xCC\x81 no?\nZelen\xC2\xADsky ha parlato.";
  Document doc = Analyze(text, "it");
  ASSERT_FALSE(doc.tokens().empty());
  for (const TokenData& t : doc.tokens()) {
    ASSERT_LE(t.span.end, doc.original().size());
    ASSERT_LT(t.span.begin, t.span.end);
    ASSERT_GE(t.span.begin, doc.body().begin);
    // The normalised token text comes from exactly these original bytes.
    std::string_view original = doc.Text(t.span);
    std::string_view norm = doc.NormText(t);
    EXPECT_EQ(doc.ToOriginal(t.norm.begin, t.norm.end), t.span);
    if (original.find_first_of("\xE2\xCC\xC2") == std::string_view::npos) EXPECT_EQ(original, norm);
  }
  bool found = false;
  for (const TokenData& t : doc.tokens()) found |= doc.Text(t.span) == "Zelen\xC2\xADsky" && doc.NormText(t) == "Zelensky";
  EXPECT_TRUE(found);
}

TEST(TokenizerRules, ParseErrorsNameTheLine) {
  auto ok = ParseTokenizerRules("# c\nsplit_after_apostrophe = yes\nsuffix = 's\n", "t.txt");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->split_after_apostrophe);
  auto bad = ParseTokenizerRules("split_after_apostrophe = yes\nprefix = l'\n", "t.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("t.txt:2"), std::string::npos);
  auto abbr = ParseAbbreviations("sig.\nbad entry\n", "a.txt");
  ASSERT_FALSE(abbr.ok());
  EXPECT_NE(abbr.status().message().find("a.txt:2"), std::string::npos);
}

TEST(TokenizerRules, ShippedResourcesParse) {
  for (const char* lang : {"it", "en"}) {
    auto tok = FindResource(lang, "tokenizer.txt");
    ASSERT_TRUE(tok.ok()) << lang;
    auto text = ReadFile(*tok);
    ASSERT_TRUE(text.ok());
    EXPECT_TRUE(ParseTokenizerRules(*text, tok->string()).ok());
    auto abbr = FindResource(lang, "abbreviations.txt");
    ASSERT_TRUE(abbr.ok());
    auto abbr_text = ReadFile(*abbr);
    auto parsed = ParseAbbreviations(*abbr_text, abbr->string());
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_GT(parsed->size(), 20u);
  }
}

TEST(Pipeline, RejectsStageWhoseNeedsAreUnmet) {
  PipelineContext context;
  Pipeline pipeline(&context);
  auto seg = MakeSegmenter();
  ASSERT_TRUE(seg.ok());
  Status s = pipeline.Add(std::move(*seg));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cronaca.Segmenter.v1"), std::string::npos);
  EXPECT_NE(s.message().find("normalized"), std::string::npos);
}

}  // namespace
}  // namespace cronaca

namespace cronaca {
namespace {

// Regression: ICU's FilteredBreakIterator matched abbreviations as suffixes,
// so the Italian "l." and "n." kept "social." and "Copenaghen." from ending
// sentences.
TEST_F(SegmenterTest, AbbreviationsMatchWholeWordsOnly) {
  Document doc = Analyze("Il viaggio a Copenaghen. Il leader parla. Arrivano i social. La telefonata. "
                         "Lo dice l'art. 5 della legge.", "it");
  EXPECT_EQ(Sentences(doc), (std::vector<std::string>{"Il viaggio a Copenaghen.", "Il leader parla.",
                                                       "Arrivano i social.", "La telefonata.",
                                                       "Lo dice l'art. 5 della legge."}));
}

}  // namespace
}  // namespace cronaca
