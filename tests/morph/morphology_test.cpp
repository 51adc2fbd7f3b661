// Tests for the Morphology stage (src/morph/). Documents are built by hand
// (own tokens, sentences and languages) so these tests depend on the
// analysers and rules of the Debian packages apertium-cat-ita and
// apertium-eng-cat, not on the segmenter.
#include "morph/morphology.h"

#include <gtest/gtest.h>
#include <libstemmer.h>
#include <unicode/uloc.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

#include "common/resources.h"
#include "morph/apertium_tags.h"
#include "morph/cg3_disambiguator.h"
#include "morph/disambiguator.h"
#include "morph/fst_analyser.h"
#include "morph/morphology_config.h"
#include "morph/tag_table.h"

namespace cronaca {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Building documents by hand.

bool IsPunct(char c) { return std::string_view(".,;:!?\"()").find(c) != std::string_view::npos; }

// One paragraph per (lang, text) pair, separated by a blank line. Tokens:
// runs of non-space characters, punctuation marks on their own, Italian
// elisions split after the apostrophe ("l'" "aiutante"), English clitics
// split before it ("Russia" "'s", "would" "n't"). Sentences end after . ! ?
Document MakeDocument(const std::vector<std::pair<std::string, std::string>>& paragraphs) {
  std::string text;
  std::vector<std::pair<size_t, size_t>> bounds;
  for (const auto& [lang, para] : paragraphs) {
    if (!text.empty()) text += "\n\n";
    bounds.emplace_back(text.size(), text.size() + para.size());
    text += para;
  }
  Document doc("test", text);
  std::vector<Offset> map(text.size() + 1);
  std::iota(map.begin(), map.end(), 0);
  doc.SetNormalized(text, map);
  doc.set_lang(paragraphs.front().first, 1.0f);
  for (size_t para_idx = 0; para_idx < paragraphs.size(); ++para_idx) {
    const std::string& lang = paragraphs[para_idx].first;
    Paragraph paragraph;
    paragraph.span = Span{static_cast<Offset>(bounds[para_idx].first), static_cast<Offset>(bounds[para_idx].second)};
    paragraph.norm = paragraph.span;
    paragraph.lang = lang;
    paragraph.lang_confidence = 1.0f;
    doc.paragraphs().push_back(paragraph);

    Sentence sentence;
    sentence.paragraph = static_cast<uint32_t>(para_idx);
    sentence.token_begin = static_cast<uint32_t>(doc.tokens().size());
    auto close_sentence = [&](size_t end) {
      if (sentence.token_begin == doc.tokens().size()) return;
      sentence.token_end = static_cast<uint32_t>(doc.tokens().size());
      sentence.span = Span{doc.tokens()[sentence.token_begin].span.begin, static_cast<Offset>(end)};
      sentence.norm = sentence.span;
      doc.sentences().push_back(sentence);
      sentence.token_begin = sentence.token_end;
    };
    auto add = [&](size_t begin, size_t end) {
      TokenData token;
      token.span = Span{static_cast<Offset>(begin), static_cast<Offset>(end)};
      token.norm = token.span;
      token.sentence = static_cast<uint32_t>(doc.sentences().size());
      std::string_view s(text.data() + begin, end - begin);
      if (s.find_first_not_of("0123456789") == std::string_view::npos) {
        token.kind = TokenKind::kNumber;
      } else if (s.size() == 1 && IsPunct(s[0])) {
        token.kind = TokenKind::kPunct;
      }
      doc.tokens().push_back(token);
      if (token.kind == TokenKind::kPunct && std::string_view(".!?").find(s[0]) != std::string_view::npos) {
        close_sentence(end);
      }
    };
    size_t i = bounds[para_idx].first;
    const size_t end = bounds[para_idx].second;
    while (i < end) {
      if (text[i] == ' ') {
        ++i;
        continue;
      }
      if (IsPunct(text[i])) {
        add(i, i + 1);
        ++i;
        continue;
      }
      size_t j = i;
      while (j < end && text[j] != ' ' &&
             !(IsPunct(text[j]) && (j + 1 >= end || text[j + 1] == ' ' || IsPunct(text[j + 1])))) {
        if (lang == "it" && text[j] == '\'' && j + 1 < end && text[j + 1] != ' ') {
          ++j;
          break;
        }
        if (lang == "en" && j > i && text.compare(j, 3, "n't") == 0) break;
        if (lang == "en" && j > i && text[j] == '\'' && text.compare(j - 1, 3, "n't") != 0) break;
        ++j;
      }
      add(i, j);
      i = j;
    }
    close_sentence(end);
  }
  doc.AddLayers(kLayerNormalized | kLayerParagraphs | kLayerSentences | kLayerTokens | kLayerLanguage);
  return doc;
}

Document MakeDocument(const std::string& lang, const std::string& text) { return MakeDocument({{lang, text}}); }

// What the stage gave one token, as strings, for readable assertions.
struct Morph {
  std::string lemma;
  Pos pos = Pos::kUnknown;
  ProperClass proper = ProperClass::kNone;
  std::string stem;
  bool known = false;
  bool continuation = false;
};

class Analysed {
 public:
  Analysed(const Document* doc, const StringStore* strings) : doc_(doc), strings_(strings) {}
  // The n-th token (0-based) whose text is `surface`.
  Morph operator()(std::string_view surface, int nth = 0) const {
    for (const TokenData& token : doc_->tokens()) {
      if (doc_->NormText(token) != surface || nth-- > 0) continue;
      Morph m;
      m.lemma = std::string(strings_->Get(token.lemma));
      m.pos = token.pos;
      m.proper = token.proper;
      m.stem = std::string(strings_->Get(token.stem));
      m.known = (token.flags & kTokenKnown) != 0;
      m.continuation = (token.flags & kTokenMultiwordContinuation) != 0;
      return m;
    }
    ADD_FAILURE() << "no token '" << surface << "'";
    return Morph();
  }

 private:
  const Document* doc_;
  const StringStore* strings_;
};

std::string SnowballStem(const char* algorithm, const std::string& word) {
  sb_stemmer* stemmer = sb_stemmer_new(algorithm, "UTF_8");
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  std::string out(reinterpret_cast<const char*>(stem), sb_stemmer_length(stemmer));
  sb_stemmer_delete(stemmer);
  return out;
}

fs::path TempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("cronaca_morph_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string ItalianAnalyser() {
  Result<MorphologyConfig> config = LoadMorphologyConfig(ResourceDir() / "it" / "morphology.txt", "it");
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  return config.ok() ? config->analyser.string() : std::string();
}

// ---------------------------------------------------------------------------
// Apertium readings.

TEST(MorphologyReadings, ParsesPartsQueuesAndEscapes) {
  std::vector<morph::ParsedReading> readings;
  ASSERT_TRUE(morph::ParseReadings("/di<pr>+il<det><def><mf><sg>/dio<n><m><pl>", &readings));
  ASSERT_EQ(readings.size(), 2u);
  EXPECT_EQ(readings[0].lemma, "di");
  EXPECT_EQ(readings[0].pos, Pos::kPreposition);
  ASSERT_EQ(readings[0].parts.size(), 2u);
  EXPECT_EQ(readings[0].parts[1].lemma, "il");
  EXPECT_EQ(readings[0].parts[1].tags, (std::vector<std::string>{"det", "def", "mf", "sg"}));
  EXPECT_TRUE(readings[0].features & morph::kFeatureContraction);
  EXPECT_TRUE(readings[0].features & morph::kFeatureArticulated);
  EXPECT_EQ(readings[1].pos, Pos::kNoun);
  EXPECT_EQ(morph::FormatReading(readings[0]), "di<pr>+il<det><def><mf><sg>");

  readings.clear();
  ASSERT_TRUE(morph::ParseReadings("/avere<vblex><pri><p3><sg># bisogno di", &readings));
  EXPECT_EQ(readings[0].lemma, "avere bisogno di");
  EXPECT_TRUE(readings[0].features & morph::kFeatureMultiwordQueue);
  EXPECT_TRUE(readings[0].features & morph::kFeatureFinite);

  readings.clear();
  ASSERT_TRUE(morph::ParseReadings("/Roma<np><top><f><sg>/a\\/b<n><sg>", &readings));
  EXPECT_EQ(readings[0].pos, Pos::kProperNoun);
  EXPECT_EQ(readings[0].proper, ProperClass::kPlace);
  EXPECT_EQ(readings[1].lemma, "a/b");

  readings.clear();
  ASSERT_TRUE(morph::ParseReadings("/essere<vbser><pp><m><sg>/stare<vblex><pp><m><sg>", &readings));
  EXPECT_EQ(readings[0].pos, Pos::kAuxiliary);
  EXPECT_TRUE(readings[0].features & morph::kFeatureParticiple);
  EXPECT_EQ(readings[1].pos, Pos::kVerb);
}

TEST(MorphologyReadings, RejectsMalformedText) {
  std::vector<morph::ParsedReading> readings;
  EXPECT_FALSE(morph::ParseReadings("", &readings));
  EXPECT_FALSE(morph::ParseReadings("ministro<n>", &readings));        // no leading '/'
  EXPECT_FALSE(morph::ParseReadings("/ministro", &readings));          // no tag
  EXPECT_FALSE(morph::ParseReadings("/ministro<n", &readings));        // unterminated tag
  EXPECT_FALSE(morph::ParseReadings("/ministro<n>/casa", &readings));  // second reading without tags
  EXPECT_TRUE(readings.empty());
}

TEST(MorphologyReadings, MapsApertiumTags) {
  EXPECT_EQ(morph::PosFromTag("n"), Pos::kNoun);
  EXPECT_EQ(morph::PosFromTag("vblex"), Pos::kVerb);
  EXPECT_EQ(morph::PosFromTag("vbhaver"), Pos::kAuxiliary);
  EXPECT_EQ(morph::PosFromTag("vbmod"), Pos::kAuxiliary);
  EXPECT_EQ(morph::PosFromTag("cnjsub"), Pos::kConjunction);
  EXPECT_EQ(morph::PosFromTag("rel"), Pos::kPronoun);
  EXPECT_EQ(morph::PosFromTag("sent"), Pos::kPunctuation);
  EXPECT_EQ(morph::PosFromTag("gen"), Pos::kOther);
  EXPECT_EQ(morph::ProperFromTag("ant"), ProperClass::kGivenName);
  EXPECT_EQ(morph::ProperFromTag("cog"), ProperClass::kSurname);
  EXPECT_EQ(morph::ProperFromTag("top"), ProperClass::kPlace);
  EXPECT_EQ(morph::ProperFromTag("org"), ProperClass::kOrganisation);
  EXPECT_EQ(morph::ProperFromTag("al"), ProperClass::kOther);
}

// ---------------------------------------------------------------------------
// morphology.txt

TEST(MorphologyConfig, ParsesKeysAndResolvesRelativePaths) {
  fs::path dir = TempDir("config_ok");
  WriteFile(dir / "it" / "rules.rlx", "# not read here\n");
  const std::string text =
      "# comment\n"
      "\n"
      "analyser = " + ItalianAnalyser() + "\n"
      "cg3 = rules.rlx\n"
      "snowball = italian\n"
      "multiwords = no\n"
      "surface_lemma = prpers\n"
      "word = po' poco<adv>\n"
      "word = sig. signore<n><m><sg>/segnale<n><m><sg>\n";
  Result<MorphologyConfig> config = ParseMorphologyConfig(text, dir / "it" / "morphology.txt", "it");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->lang, "it");
  EXPECT_EQ(config->analyser, fs::path(ItalianAnalyser()));
  EXPECT_EQ(config->cg3, dir / "it" / "rules.rlx");
  EXPECT_EQ(config->snowball, "italian");
  EXPECT_FALSE(config->multiwords);
  EXPECT_EQ(config->surface_lemmas, std::vector<std::string>{"prpers"});
  ASSERT_EQ(config->words.size(), 2u);
  EXPECT_EQ(config->words[0].form, "po'");
  EXPECT_EQ(config->words[0].readings, "/poco<adv>");
  EXPECT_EQ(config->words[1].readings, "/signore<n><m><sg>/segnale<n><m><sg>");
  fs::remove_all(dir);
}

TEST(MorphologyConfig, ErrorsNameFileAndLine) {
  const fs::path file = "/somewhere/it/morphology.txt";
  struct Case {
    std::string text;
    std::string expected;  // in the message, after "file:line: "
  };
  const std::vector<Case> cases = {
      {"# Italian\nsnowball = italian\nanalyzer = x.bin\n", ":3: unknown key 'analyzer'"},
      {"snowball italian\n", ":1: expected 'key = value'"},
      {"snowball = italian\nsnowball = english\n", ":2: 'snowball' given twice"},
      {"\n\nanalyser = /no/such/file.bin\n", ":3: analyser file /no/such/file.bin does not exist"},
      {"cg3 = missing.rlx.bin\n", ":1: cg3 file /somewhere/it/missing.rlx.bin does not exist"},
      {"snowball = klingon\n", ":1: libstemmer has no Snowball algorithm 'klingon'"},
      {"multiwords = maybe\n", ":1: multiwords must be yes or no"},
      {"word = n't not\n", ":1: cannot read the readings of 'n't'"},
      {"snowball =\n", ":1: empty value for 'snowball'"},
  };
  for (const Case& c : cases) {
    Result<MorphologyConfig> config = ParseMorphologyConfig(c.text, file, "it");
    ASSERT_FALSE(config.ok()) << c.text;
    EXPECT_EQ(config.status().code(), StatusCode::kResourceError);
    EXPECT_NE(config.status().message().find(file.string() + c.expected), std::string::npos)
        << "got: " << config.status().message();
  }
}

TEST(MorphologyConfig, ShippedFilesAreValid) {
  for (const char* lang : {"it", "en"}) {
    Result<MorphologyConfig> config = LoadMorphologyConfig(ResourceDir() / lang / "morphology.txt", lang);
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    EXPECT_FALSE(config->analyser.empty());
    EXPECT_FALSE(config->cg3.empty());
    EXPECT_FALSE(config->snowball.empty());
  }
}

TEST(MorphologyConfig, MakeMorphologyFailsOnABadFile) {
  fs::path dir = TempDir("bad_resources");
  WriteFile(dir / "it" / "morphology.txt", "snowball = italian\nstemmer = italian\n");
  WriteFile(dir / "en" / "tokenizer.txt", "split_after_apostrophe = no\n");  // no morphology.txt: fine
  PipelineContext context;
  MorphologyOptions options;
  options.resource_dir = dir;
  Result<std::unique_ptr<Stage>> stage = MakeMorphology(&context, options);
  ASSERT_FALSE(stage.ok());
  EXPECT_EQ(stage.status().code(), StatusCode::kResourceError);
  EXPECT_NE(stage.status().message().find((dir / "it" / "morphology.txt").string() + ":2: unknown key 'stemmer'"),
            std::string::npos)
      << stage.status().message();
  fs::remove_all(dir);
}

// ---------------------------------------------------------------------------
// The analyser, in-process.

TEST(MorphologyFst, AnalysesWholeFormsLikeLtProc) {
  Result<std::shared_ptr<const morph::FstAnalyser>> fst = morph::FstAnalyser::Load(ItalianAnalyser());
  ASSERT_TRUE(fst.ok()) << fst.status().ToString();
  std::string readings;
  ASSERT_TRUE((*fst)->Analyse("ministri", &readings));
  EXPECT_EQ(readings, "/ministro<n><m><pl>");
  ASSERT_TRUE((*fst)->Analyse("dell'", &readings));
  EXPECT_EQ(readings, "/di<pr>+il<det><def><mf><sg>");
  // Upper case also matches lower case; lemmas keep the dictionary's case.
  ASSERT_TRUE((*fst)->Analyse("ROMA", &readings));
  EXPECT_NE(readings.find("/Roma<np><top>"), std::string::npos) << readings;
  ASSERT_TRUE((*fst)->Analyse("Il", &readings));
  EXPECT_NE(readings.find("/il<det><def><m><sg>"), std::string::npos) << readings;
  // Lower case does not match a capitalised entry.
  EXPECT_FALSE((*fst)->Analyse("roma", &readings));
  EXPECT_FALSE((*fst)->Analyse("xyzzyando", &readings));
  EXPECT_TRUE(readings.empty());
  EXPECT_FALSE((*fst)->Analyse("", &readings));
  EXPECT_FALSE((*fst)->Analyse("\xff\xfe", &readings));  // not UTF-8

  // Loading the same file again shares the instance.
  Result<std::shared_ptr<const morph::FstAnalyser>> again = morph::FstAnalyser::Load(ItalianAnalyser());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(fst->get(), again->get());
}

TEST(MorphologyFst, CursorFollowsMultiwordEntries) {
  Result<std::shared_ptr<const morph::FstAnalyser>> fst = morph::FstAnalyser::Load(ItalianAnalyser());
  ASSERT_TRUE(fst.ok());
  EXPECT_TRUE((*fst)->CanStartMultiword("Stati"));
  EXPECT_FALSE((*fst)->CanStartMultiword("giornalisti"));
  morph::FstCursor cursor(**fst);
  EXPECT_TRUE(cursor.Step("Stati"));
  EXPECT_TRUE(cursor.Step(" "));
  EXPECT_FALSE(cursor.final());
  EXPECT_TRUE(cursor.Step("Uniti"));
  ASSERT_TRUE(cursor.final());
  EXPECT_EQ(cursor.Readings(), "/Stati Uniti<np><top><m><pl>");
  EXPECT_FALSE(cursor.Step("xyz"));
  EXPECT_FALSE(cursor.alive());
  EXPECT_FALSE(cursor.Step("a"));  // stays dead
  cursor.Reset();
  EXPECT_TRUE(cursor.Step("giornalisti"));
  EXPECT_TRUE(cursor.final());
}

TEST(MorphologyFst, MissingOrForeignFileIsAResourceError) {
  Result<std::shared_ptr<const morph::FstAnalyser>> missing = morph::FstAnalyser::Load("/no/such/analyser.bin");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kResourceError);
  fs::path dir = TempDir("foreign");
  WriteFile(dir / "x.bin", "this is not a transducer");
  Result<std::shared_ptr<const morph::FstAnalyser>> foreign = morph::FstAnalyser::Load(dir / "x.bin");
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("not an lttoolbox transducer"), std::string::npos);
  fs::remove_all(dir);
}

// ---------------------------------------------------------------------------
// CG-3, in-process.

TEST(MorphologyCg3, AppliesATextualGrammar) {
  const std::string locale_before = uloc_getDefault();
  fs::path dir = TempDir("cg3");
  WriteFile(dir / "tiny.rlx",
            "DELIMITERS = \"<.>\" ;\n"
            "LIST N = n ;\n"
            "LIST PRN = prn ;\n"
            "SECTION\n"
            "REMOVE PRN IF (1 N) ;\n");
  Result<std::unique_ptr<morph::Cg3Disambiguator>> cg = morph::Cg3Disambiguator::Load(dir / "tiny.rlx");
  ASSERT_TRUE(cg.ok()) << cg.status().ToString();
  EXPECT_EQ(uloc_getDefault(), locale_before);  // cg3_init's locale change is undone

  morph::TagTable tags;
  auto ids = [&](std::initializer_list<const char*> names) {
    std::vector<uint32_t> out;
    for (const char* name : names) {
      out.push_back(std::string_view(name) == "+" ? morph::TagTable::kPartBreak : tags.Intern(name));
    }
    return out;
  };
  std::vector<morph::Cg3Cohort> cohorts(3);
  // "la": an article or a pronoun.
  cohorts[0].wordform = tags.Intern("\"<la>\"");
  cohorts[0].tag_ids = ids({"\"il\"", "det", "def", "f", "sg", "\"lo\"", "prn", "pro", "p3", "f", "sg"});
  cohorts[0].reading_ends = {5, 11};
  // "casa": a noun.
  cohorts[1].wordform = tags.Intern("\"<casa>\"");
  cohorts[1].tag_ids = ids({"\"casa\"", "n", "f", "sg"});
  cohorts[1].reading_ends = {4};
  // "dell'": one two-part reading.
  cohorts[2].wordform = tags.Intern("\"<dell'>\"");
  cohorts[2].tag_ids = ids({"\"di\"", "pr", "+", "\"il\"", "det", "def", "mf", "sg"});
  cohorts[2].reading_ends = {8};

  std::vector<uint8_t> keep;
  (*cg)->Run(tags, cohorts, &keep);
  EXPECT_EQ(keep, (std::vector<uint8_t>{1, 0, 1, 1}));

  // Without the noun after it, "la" keeps both readings.
  (*cg)->Run(tags, std::span<const morph::Cg3Cohort>(cohorts.data(), 1), &keep);
  EXPECT_EQ(keep, (std::vector<uint8_t>{1, 1}));

  // A fresh applicator after ResetTags() still works.
  (*cg)->ResetTags();
  (*cg)->Run(tags, cohorts, &keep);
  EXPECT_EQ(keep, (std::vector<uint8_t>{1, 0, 1, 1}));
  fs::remove_all(dir);
}

TEST(MorphologyCg3, UnreadableGrammarIsAResourceError) {
  fs::path dir = TempDir("cg3_bad");
  WriteFile(dir / "bad.rlx", "THIS IS NOT ( A GRAMMAR ;\n");
  Result<std::unique_ptr<morph::Cg3Disambiguator>> cg = morph::Cg3Disambiguator::Load(dir / "bad.rlx");
  ASSERT_FALSE(cg.ok());
  EXPECT_EQ(cg.status().code(), StatusCode::kResourceError);
  EXPECT_NE(cg.status().message().find((dir / "bad.rlx").string()), std::string::npos);
  fs::remove_all(dir);
}

// ---------------------------------------------------------------------------
// The heuristic disambiguator alone.

TEST(MorphologyDisambiguator, ArticleBeforeNounPronounBeforeVerb) {
  using morph::Reading;
  Reading article{1, Pos::kDeterminer, ProperClass::kNone, morph::kFeatureDefinite};
  Reading pronoun{2, Pos::kPronoun, ProperClass::kNone, 0};
  Reading noun{3, Pos::kNoun, ProperClass::kNone, morph::kFeatureSingular};
  Reading verb{4, Pos::kVerb, ProperClass::kNone, morph::kFeatureFinite};
  std::vector<Reading> la = {pronoun, article};  // the analyser's order must not decide
  std::vector<Reading> casa = {noun};
  std::vector<Reading> vedo = {verb};

  std::vector<morph::UnitReadings> units(2);
  units[0] = {la.data(), 2, nullptr, morph::kCueWord};
  units[1] = {casa.data(), 1, nullptr, morph::kCueWord};
  std::vector<int> chosen;
  morph::ChooseReadings(units, &chosen);
  EXPECT_EQ(chosen, (std::vector<int>{1, 0}));

  units[1] = {vedo.data(), 1, nullptr, morph::kCueWord};
  morph::ChooseReadings(units, &chosen);
  EXPECT_EQ(chosen, (std::vector<int>{0, 0}));

  // CG-3's verdict is respected: a removed reading is never chosen.
  const uint8_t keep[] = {0, 1};
  units[0].keep = keep;
  morph::ChooseReadings(units, &chosen);
  EXPECT_EQ(chosen[0], 1);

  // A unit without readings gets -1.
  units[0] = {nullptr, 0, nullptr, morph::kCueWord};
  morph::ChooseReadings(units, &chosen);
  EXPECT_EQ(chosen[0], -1);
}

// ---------------------------------------------------------------------------
// The stage, with and without CG-3: the same facts must hold both ways.

class MorphologyStage : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    MorphologyOptions options;
    options.use_cg3 = GetParam();
    Result<std::unique_ptr<Stage>> stage = MakeMorphology(&context_, options);
    ASSERT_TRUE(stage.ok()) << stage.status().ToString();
    stage_ = std::move(*stage);
  }

  // Runs the stage; the document must come out with the morphology layer.
  Analysed Run(Document& doc) {
    Status status = stage_->Process(doc);
    EXPECT_TRUE(status.ok()) << status.ToString();
    EXPECT_TRUE(doc.layers() & kLayerMorphology);
    return Analysed(&doc, &context_.strings);
  }

  PipelineContext context_;
  std::unique_ptr<Stage> stage_;
};

INSTANTIATE_TEST_SUITE_P(Morphology, MorphologyStage, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) { return info.param ? "WithCg3" : "Heuristic"; });

TEST_P(MorphologyStage, DeclaresItsContract) {
  EXPECT_EQ(stage_->name(), "cronaca.Morphology.v1");
  EXPECT_EQ(stage_->requires_layers(), kLayerTokens | kLayerSentences | kLayerLanguage);
  EXPECT_EQ(stage_->assigns_layers(), kLayerMorphology);
}

TEST_P(MorphologyStage, ItalianSentence) {
  Document doc = MakeDocument("it", "Il ministro degli Esteri ha incontrato i giornalisti a Roma.");
  Analysed a = Run(doc);
  EXPECT_EQ(a("Il").lemma, "il");
  EXPECT_EQ(a("Il").pos, Pos::kDeterminer);
  EXPECT_EQ(a("ministro").lemma, "ministro");
  EXPECT_EQ(a("ministro").pos, Pos::kNoun);
  EXPECT_TRUE(a("ministro").known);
  EXPECT_EQ(a("ministro").stem, SnowballStem("italian", "ministro"));
  EXPECT_FALSE(a("ministro").continuation);  // "ministro# degli esteri" is not joined
  EXPECT_EQ(a("degli").lemma, "di");
  EXPECT_EQ(a("degli").pos, Pos::kPreposition);
  EXPECT_EQ(a("ha").lemma, "avere");
  EXPECT_EQ(a("ha").pos, Pos::kAuxiliary);
  EXPECT_EQ(a("incontrato").lemma, "incontrare");
  EXPECT_EQ(a("incontrato").pos, Pos::kVerb);
  EXPECT_EQ(a("giornalisti").lemma, "giornalista");
  EXPECT_EQ(a("giornalisti").pos, Pos::kNoun);
  EXPECT_EQ(a("giornalisti").stem, SnowballStem("italian", "giornalisti"));
  EXPECT_EQ(a("a").pos, Pos::kPreposition);
  EXPECT_EQ(a("Roma").lemma, "Roma");
  EXPECT_EQ(a("Roma").pos, Pos::kProperNoun);
  EXPECT_EQ(a("Roma").proper, ProperClass::kPlace);
  EXPECT_EQ(a("Roma").stem, SnowballStem("italian", "roma"));  // stem of the lower-cased surface
  EXPECT_EQ(a(".").pos, Pos::kPunctuation);
  EXPECT_EQ(a(".").lemma, ".");
  EXPECT_EQ(a(".").stem, "");
  // Proper class only on proper nouns.
  for (const TokenData& token : doc.tokens()) {
    if (token.pos != Pos::kProperNoun) EXPECT_EQ(token.proper, ProperClass::kNone);
  }
}

TEST_P(MorphologyStage, EnglishSentence) {
  Document doc = MakeDocument("en", "The ministers met reporters in London.");
  Analysed a = Run(doc);
  EXPECT_EQ(a("The").lemma, "the");
  EXPECT_EQ(a("The").pos, Pos::kDeterminer);
  EXPECT_EQ(a("ministers").lemma, "minister");
  EXPECT_EQ(a("ministers").pos, Pos::kNoun);
  EXPECT_EQ(a("ministers").stem, SnowballStem("english", "ministers"));
  EXPECT_EQ(a("met").lemma, "meet");
  EXPECT_EQ(a("met").pos, Pos::kVerb);
  EXPECT_EQ(a("reporters").lemma, "reporter");
  EXPECT_EQ(a("in").pos, Pos::kPreposition);
  EXPECT_EQ(a("London").pos, Pos::kProperNoun);
  EXPECT_EQ(a("London").proper, ProperClass::kPlace);
}

TEST_P(MorphologyStage, AuxiliaryOnlyWithAParticiple) {
  Document it = MakeDocument("it", "Mario ha due figli. Lei ha incontrato Mario.");
  Analysed a = Run(it);
  EXPECT_EQ(a("ha", 0).lemma, "avere");
  EXPECT_EQ(a("ha", 0).pos, Pos::kVerb);
  EXPECT_EQ(a("ha", 1).pos, Pos::kAuxiliary);
  EXPECT_EQ(a("Mario", 0).proper, ProperClass::kGivenName);

  Document en = MakeDocument("en", "The minister has two children. She has met them.");
  Analysed b = Run(en);
  EXPECT_EQ(b("has", 0).lemma, "have");
  EXPECT_EQ(b("has", 0).pos, Pos::kVerb);
  EXPECT_EQ(b("has", 1).pos, Pos::kAuxiliary);
  EXPECT_EQ(b("She").lemma, "she");  // "prpers" is a surface_lemma
  EXPECT_EQ(b("She").pos, Pos::kPronoun);
}

TEST_P(MorphologyStage, EssereAndParticiple) {
  Document doc = MakeDocument("it", "L'ambasciatore è stato a Milano.");
  Analysed a = Run(doc);
  EXPECT_EQ(a("L'").lemma, "il");
  EXPECT_EQ(a("ambasciatore").lemma, "ambasciatore");
  EXPECT_EQ(a("è").lemma, "essere");
  EXPECT_EQ(a("è").pos, Pos::kAuxiliary);
  EXPECT_EQ(a("stato").lemma, "essere");
  EXPECT_NE(a("stato").pos, Pos::kNoun);
}

TEST_P(MorphologyStage, MultiwordUnits) {
  Document doc = MakeDocument("it", "Gli Stati Uniti hanno firmato un accordo a New York, per esempio.");
  Analysed a = Run(doc);
  EXPECT_EQ(a("Stati").lemma, "Stati Uniti");
  EXPECT_EQ(a("Stati").pos, Pos::kProperNoun);
  EXPECT_EQ(a("Stati").proper, ProperClass::kPlace);
  EXPECT_FALSE(a("Stati").continuation);
  EXPECT_EQ(a("Uniti").lemma, "Stati Uniti");
  EXPECT_EQ(a("Uniti").proper, ProperClass::kPlace);
  EXPECT_TRUE(a("Uniti").continuation);
  // Each token keeps its own stem.
  EXPECT_EQ(a("Stati").stem, SnowballStem("italian", "stati"));
  EXPECT_EQ(a("Uniti").stem, SnowballStem("italian", "uniti"));
  EXPECT_EQ(a("New").lemma, "New York");
  EXPECT_EQ(a("York").lemma, "New York");
  EXPECT_TRUE(a("York").continuation);
  EXPECT_EQ(a("per").lemma, "per esempio");
  EXPECT_EQ(a("esempio").pos, Pos::kAdverb);
  // Not joined across punctuation or into determiner phrases.
  EXPECT_EQ(a("Gli").lemma, "il");
  EXPECT_FALSE(a(",").continuation);
}

TEST_P(MorphologyStage, UnknownWordsGetStemsAndGuesses) {
  Document doc = MakeDocument("it", "Il ministro Ushakov ha parlato con i giornalisti xyzzyando.");
  Analysed a = Run(doc);
  EXPECT_FALSE(a("Ushakov").known);
  EXPECT_EQ(a("Ushakov").pos, Pos::kProperNoun);   // capitalised inside a sentence
  EXPECT_EQ(a("Ushakov").lemma, "Ushakov");
  EXPECT_EQ(a("Ushakov").stem, SnowballStem("italian", "ushakov"));
  EXPECT_FALSE(a("xyzzyando").known);
  EXPECT_EQ(a("xyzzyando").pos, Pos::kUnknown);
  EXPECT_EQ(a("xyzzyando").lemma, "xyzzyando");
  EXPECT_EQ(a("xyzzyando").stem, SnowballStem("italian", "xyzzyando"));
  EXPECT_NE(a("xyzzyando").stem, "xyzzyando");   // Snowball did strip the gerund ending
  EXPECT_TRUE(a("ministro").known);
}

TEST_P(MorphologyStage, CapitalsAtTheStartOfASentence) {
  // No other evidence: the common noun (melone) wins at the sentence start.
  Document fruit = MakeDocument("it", "Meloni dolci sono in vendita al mercato.");
  Analysed a = Run(fruit);
  EXPECT_EQ(a("Meloni").lemma, "melone");
  EXPECT_EQ(a("Meloni").pos, Pos::kNoun);
  // The same form capitalised inside a sentence of the document: a name.
  Document name = MakeDocument("it", "Meloni ha parlato. Il governo di Meloni ha deciso.");
  Analysed b = Run(name);
  EXPECT_EQ(b("Meloni", 0).pos, Pos::kProperNoun);
  EXPECT_EQ(b("Meloni", 0).proper, ProperClass::kSurname);
  EXPECT_EQ(b("Meloni", 1).pos, Pos::kProperNoun);
  // Mid-sentence capital: the name ("Rossi", not the adjective "rosso").
  Document mid = MakeDocument("it", "Ha parlato il ministro Rossi.");
  Analysed c = Run(mid);
  EXPECT_EQ(c("Rossi").pos, Pos::kProperNoun);
  EXPECT_EQ(c("Rossi").lemma, "Rossi");
}

TEST_P(MorphologyStage, EnglishClitics) {
  Document doc = MakeDocument("en", "Russia's president wouldn't go to New York, he said.");
  Analysed a = Run(doc);
  EXPECT_EQ(a("Russia").proper, ProperClass::kPlace);
  EXPECT_EQ(a("'s").pos, Pos::kOther);          // possessive
  EXPECT_EQ(a("would").lemma, "will");
  EXPECT_EQ(a("would").pos, Pos::kAuxiliary);
  EXPECT_EQ(a("n't").lemma, "not");               // a `word` entry of resources/en/morphology.txt
  EXPECT_EQ(a("n't").pos, Pos::kAdverb);
  EXPECT_TRUE(a("n't").known);
  EXPECT_EQ(a("New").lemma, "New York");
  EXPECT_EQ(a("he").lemma, "he");
}

TEST_P(MorphologyStage, ParagraphLanguageWins) {
  Document doc = MakeDocument({{"it", "Il ministro ha parlato."}, {"en", "The ministers met reporters."}});
  Analysed a = Run(doc);
  EXPECT_EQ(a("ministro").lemma, "ministro");
  EXPECT_EQ(a("ministers").lemma, "minister");
  EXPECT_EQ(a("met").lemma, "meet");
  // A paragraph language below the segmenter's trust threshold is ignored.
  Document low = MakeDocument({{"it", "Il ministro ha parlato."}, {"en", "The ministers met reporters."}});
  low.paragraphs()[1].lang_confidence = 0.2f;
  Analysed b = Run(low);
  EXPECT_FALSE(b("ministers").known);  // analysed as Italian
}

TEST_P(MorphologyStage, UnsupportedLanguagesDegradeGracefully) {
  // No morphology.txt, no Snowball stemmer: tokens only.
  Document xx = MakeDocument("xx", "Foo bar baz 42.");
  Analysed a = Run(xx);
  EXPECT_EQ(a("Foo").lemma, "");
  EXPECT_EQ(a("Foo").pos, Pos::kUnknown);
  EXPECT_EQ(a("Foo").stem, "");
  EXPECT_FALSE(a("Foo").known);
  EXPECT_EQ(a("42").pos, Pos::kNumeral);
  EXPECT_EQ(a(".").pos, Pos::kPunctuation);
  // No morphology.txt, but Snowball knows German: stems only.
  Document de = MakeDocument("de", "Die Häuser der Stadt sind alt.");
  Analysed b = Run(de);
  EXPECT_EQ(b("Häuser").stem, SnowballStem("german", "häuser"));
  EXPECT_EQ(b("Häuser").lemma, "");
  // No language at all.
  Document none = MakeDocument("", "Nothing known here.");
  Run(none);
}

TEST_P(MorphologyStage, CachedResultsAreIdentical) {
  const std::string text = "Il ministro degli Esteri ha incontrato i giornalisti a Roma e a New York.";
  Document first = MakeDocument("it", text);
  Document second = MakeDocument("it", text);
  Run(first);   // cold: every form analysed
  Run(second);  // warm: every form from the cache
  // And a document processed twice in place gives the same result.
  Run(second);
  ASSERT_EQ(first.tokens().size(), second.tokens().size());
  for (size_t i = 0; i < first.tokens().size(); ++i) {
    const TokenData& x = first.tokens()[i];
    const TokenData& y = second.tokens()[i];
    EXPECT_EQ(x.lemma, y.lemma) << i;
    EXPECT_EQ(x.pos, y.pos) << i;
    EXPECT_EQ(x.proper, y.proper) << i;
    EXPECT_EQ(x.stem, y.stem) << i;
    EXPECT_EQ(x.flags, y.flags) << i;
    EXPECT_EQ(x.span, y.span) << i;  // spans untouched
  }
}

TEST_P(MorphologyStage, TinyCacheGivesTheSameResults) {
  PipelineContext context;
  MorphologyOptions options;
  options.use_cg3 = GetParam();
  options.cache_limit = 3;  // emptied before nearly every document
  Result<std::unique_ptr<Stage>> tiny = MakeMorphology(&context, options);
  ASSERT_TRUE(tiny.ok());
  const std::vector<std::string> texts = {"Il ministro ha parlato a Roma.", "Gli Stati Uniti e la Russia.",
                                          "Il ministro ha parlato a Roma."};
  for (const std::string& text : texts) {
    Document big = MakeDocument("it", text);
    Document small = MakeDocument("it", text);
    Run(big);
    ASSERT_TRUE((*tiny)->Process(small).ok());
    for (size_t i = 0; i < big.tokens().size(); ++i) {
      EXPECT_EQ(context_.strings.Get(big.tokens()[i].lemma), context.strings.Get(small.tokens()[i].lemma));
      EXPECT_EQ(big.tokens()[i].pos, small.tokens()[i].pos);
      EXPECT_EQ(big.tokens()[i].flags, small.tokens()[i].flags);
    }
  }
}

TEST_P(MorphologyStage, EmptyDocument) {
  Document doc("empty", "");
  doc.SetNormalized("", {0});
  doc.set_lang("it", 1.0f);
  EXPECT_TRUE(stage_->Process(doc).ok());
  EXPECT_TRUE(doc.layers() & kLayerMorphology);
}

TEST_P(MorphologyStage, StagesInSeveralThreads) {
  const std::vector<std::string> texts = {
      "Il ministro degli Esteri ha incontrato i giornalisti a Roma.",
      "Gli Stati Uniti hanno firmato un accordo a New York.",
      "La Lega ha vinto le elezioni. Lo ha detto ieri il segretario.",
  };
  // Reference, single-threaded.
  std::vector<std::vector<std::string>> expected;
  for (const std::string& text : texts) {
    Document doc = MakeDocument("it", text);
    Run(doc);
    std::vector<std::string> lemmas;
    for (const TokenData& token : doc.tokens()) lemmas.emplace_back(context_.strings.Get(token.lemma));
    expected.push_back(lemmas);
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([&] {
      PipelineContext context;
      MorphologyOptions options;
      options.use_cg3 = GetParam();
      Result<std::unique_ptr<Stage>> stage = MakeMorphology(&context, options);
      if (!stage.ok()) {
        ++mismatches;
        return;
      }
      for (int round = 0; round < 5; ++round) {
        for (size_t text_idx = 0; text_idx < texts.size(); ++text_idx) {
          Document doc = MakeDocument("it", texts[text_idx]);
          if (!(*stage)->Process(doc).ok()) ++mismatches;
          for (size_t i = 0; i < doc.tokens().size(); ++i) {
            if (context.strings.Get(doc.tokens()[i].lemma) != expected[text_idx][i]) ++mismatches;
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace cronaca
