// Issue 5: quotations and reported speech (src/extract/quotes/). Every
// sentence here is written for these tests; the seed checks at the end read
// ../shared/seeds at run time and skip when it is absent.
#include "extract/quotes/quotes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/resources.h"
#include "engine/analyzer.h"
#include "extract/quotes/quote_lexicon.h"
#include "extract/quotes/quote_marks.h"
#include "ingest/reader.h"

namespace cronaca {
namespace {

namespace fs = std::filesystem;

// --- quotation marks ---------------------------------------------------------

std::vector<std::string> Contents(std::string_view text) {
  std::vector<quotes::QuotePair> pairs;
  quotes::FindQuotePairs(text, &pairs);
  std::vector<std::string> out;
  for (const quotes::QuotePair& p : pairs) {
    out.push_back(std::to_string(p.depth) + ":" + std::string(text.substr(p.open_end, p.close_begin - p.open_end)));
  }
  return out;
}

TEST(QuotesMarksTest, PairsEveryStyle) {
  EXPECT_EQ(Contents("Ha detto «basta» e “mai più”."), (std::vector<std::string>{"0:basta", "0:mai più"}));
  EXPECT_EQ(Contents("He said \"enough\" and ‘never again’."),
            (std::vector<std::string>{"0:enough", "0:never again"}));
  EXPECT_EQ(Contents("Lei ha risposto 'forse' ieri."), (std::vector<std::string>{"0:forse"}));
}

TEST(QuotesMarksTest, StraightMarksWithScraperSpacesAndEmptyPairs) {
  EXPECT_EQ(Contents("\" Devo partire adesso \". Poi \"\" e basta."),
            (std::vector<std::string>{"0: Devo partire adesso ", "0:"}));
}

TEST(QuotesMarksTest, ApostrophesAreNotMarks) {
  EXPECT_TRUE(Contents("l'aiutante dell'ambasciatore e Russia's envoy, dell’Iran").empty());
  EXPECT_EQ(Contents("Britain's envoy called it 'a mistake' on Monday."), (std::vector<std::string>{"0:a mistake"}));
  // A possessive plural does not open a quotation either.
  EXPECT_TRUE(Contents("the allies' plan was ready").empty());
}

TEST(QuotesMarksTest, NestedQuotationsKeepTheirDepth) {
  EXPECT_EQ(Contents("«Mi ha detto “no” due volte»"), (std::vector<std::string>{"0:Mi ha detto “no” due volte", "1:no"}));
  // An unclosed mark at the end of the paragraph is dropped.
  EXPECT_TRUE(Contents("Ha scritto «senza chiudere").empty());
}

// --- the lexicon file --------------------------------------------------------

TEST(QuotesLexiconTest, ParsesKeysAndPhrases) {
  auto lex = quotes::ParseQuoteLexicon(
      "# comment\nspeech_verb = dire | Affermare\ncomplementizer = che\naccording = secondo | stando a\n", "t.txt");
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_TRUE(lex->IsSpeechVerb("affermare"));
  EXPECT_FALSE(lex->IsSpeechVerb("mangiare"));
  EXPECT_TRUE(lex->IsComplementizer("che"));
  ASSERT_EQ(lex->according().size(), 2u);
  EXPECT_EQ(lex->according()[1], (std::vector<std::string>{"stando", "a"}));
}

TEST(QuotesLexiconTest, ErrorsNameFileAndLine) {
  auto unknown = quotes::ParseQuoteLexicon("speech_verb = dire\n\nspeach_verb = dire\n", "it/quotes.txt");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().ToString().find("it/quotes.txt:3"), std::string::npos) << unknown.status().ToString();
  auto multi = quotes::ParseQuoteLexicon("speech_verb = far sapere\n", "x.txt");
  ASSERT_FALSE(multi.ok());
  EXPECT_NE(multi.status().ToString().find("x.txt:1"), std::string::npos);
  EXPECT_FALSE(quotes::ParseQuoteLexicon("title_noun = \n", "x.txt").ok());
  EXPECT_FALSE(quotes::ParseQuoteLexicon("no equals sign\n", "x.txt").ok());
}

TEST(QuotesLexiconTest, ShippedLexiconsLoad) {
  PipelineContext context;
  auto stage = MakeQuotes(&context);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  EXPECT_EQ((*stage)->name(), "cronaca.Quotes.v1");
  for (const char* lang : {"it", "en"}) {
    auto path = FindResource(lang, "quotes.txt");
    ASSERT_TRUE(path.ok()) << lang;
    auto text = ReadFile(*path);
    ASSERT_TRUE(text.ok());
    auto lex = quotes::ParseQuoteLexicon(*text, path->string());
    ASSERT_TRUE(lex.ok()) << lex.status().ToString();
    EXPECT_GT(lex->speech_verb_count(), 20u) << lang;
  }
}

// --- the stage ---------------------------------------------------------------

class QuotesStageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    AnalyzerOptions options;
    // Only the stages quotations depend on, so other stages' work in
    // progress cannot break these checks.
    options.stages = {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1",
                      "cronaca.Morphology.v1", "cronaca.Actors.v1",     "cronaca.Quotes.v1"};
    auto analyzer = Analyzer::Create(options);
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = analyzer->release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    analyzer_ = nullptr;
  }

  static Document Analyze(const std::string& text, const std::string& lang) {
    Metadata meta;
    meta.lang_hint = lang;
    meta.has_date = true;
    meta.date = PartialDate{2025, 7, 4};
    auto doc = MakeDocument("q", text, "test", &meta);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    Status s = analyzer_->Analyze(*doc);
    EXPECT_TRUE(s.ok()) << s.ToString();
    CheckSpans(*doc);
    return std::move(*doc);
  }

  // The span invariant: every quotation's span and content are original
  // bytes, the content inside the span.
  static void CheckSpans(const Document& doc) {
    for (const Quotation& q : doc.extractions().quotes) {
      EXPECT_LE(q.span.begin, q.content.begin);
      EXPECT_LE(q.content.end, q.span.end);
      EXPECT_LE(q.span.end, doc.original().size());
    }
  }

  // The direct quotation (or claim, when `indirect`) whose content contains `text`.
  static const Quotation* Find(const Document& doc, const std::string& text, bool indirect = false) {
    for (const Quotation& q : doc.extractions().quotes) {
      if (q.indirect == indirect && doc.Text(q.content).find(text) != std::string_view::npos) return &q;
    }
    return nullptr;
  }
  static size_t CountDirect(const Document& doc) {
    size_t n = 0;
    for (const Quotation& q : doc.extractions().quotes) n += !q.indirect;
    return n;
  }

  static Analyzer* analyzer_;
};

Analyzer* QuotesStageTest::analyzer_ = nullptr;

TEST_F(QuotesStageTest, SpeakerAfterTheQuotationItalian) {
  Document doc = Analyze("«Non faremo un passo indietro», ha detto Vladimir Putin ai cronisti.", "it");
  const Quotation* q = Find(doc, "Non faremo un passo indietro");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Vladimir Putin");
  EXPECT_EQ(q->speaker_code, "RUSGOV");
  EXPECT_EQ(q->kind, QuoteKind::kFull);
  EXPECT_EQ(doc.Text(q->content), "Non faremo un passo indietro");
}

TEST_F(QuotesStageTest, SpeakerAfterTheQuotationEnglish) {
  Document doc = Analyze("“We are ready to talk again,” Emmanuel Macron told journalists in Paris.", "en");
  const Quotation* q = Find(doc, "We are ready to talk again");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Emmanuel Macron");
  EXPECT_EQ(q->speaker_code, "FRAGOV");
}

TEST_F(QuotesStageTest, SaidFollowedByTheSpeaker) {
  Document doc = Analyze("'The door remains open,' said Sergei Lavrov after the meeting.", "en");
  const Quotation* q = Find(doc, "The door remains open");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Sergei Lavrov");
}

TEST_F(QuotesStageTest, SubjectBeforeAQuotedPhrase) {
  Document doc = Analyze("Emmanuel Macron ha definito l'incontro di ieri «molto franco».", "it");
  const Quotation* q = Find(doc, "molto franco");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Emmanuel Macron");
  EXPECT_EQ(q->kind, QuoteKind::kPhrase);
}

TEST_F(QuotesStageTest, SecondoNamesTheSource) {
  Document doc = Analyze("Secondo Sergei Lavrov, la nuova proposta europea resta «del tutto inaccettabile».", "it");
  const Quotation* q = Find(doc, "del tutto inaccettabile");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Sergei Lavrov");
  EXPECT_EQ(q->speaker_code, "RUSGOV");
}

TEST_F(QuotesStageTest, CollectiveSpeakerWithReflexiveVerb) {
  Document doc = Analyze("Mosca si è detta «disponibile a riprendere il dialogo» con Kiev.", "it");
  const Quotation* q = Find(doc, "disponibile a riprendere il dialogo");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Mosca");
  EXPECT_EQ(q->speaker_code, "RUSGOV");
}

TEST_F(QuotesStageTest, SpeakerNamedInThePreviousSentence) {
  Document doc = Analyze(
      "Volodymyr Zelensky ha incontrato ieri a Roma i rappresentanti delle imprese. "
      "«Ricostruiremo ogni ponte e ogni scuola», ha spiegato.",
      "it");
  const Quotation* q = Find(doc, "Ricostruiremo ogni ponte");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->speaker.find("Zelensky"), std::string::npos) << q->speaker;
  EXPECT_EQ(q->speaker_code, "UKRGOV");
}

TEST_F(QuotesStageTest, PronounSpeakerInEnglish) {
  Document doc = Analyze(
      "Donald Trump met the governors at the White House on Thursday. \"Nobody wants a long fight,\" he said.",
      "en");
  const Quotation* q = Find(doc, "Nobody wants a long fight");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Donald Trump");
}

TEST_F(QuotesStageTest, SpeakerAfterTheVerbBeforeTheQuotation) {
  Document doc = Analyze(
      "Ha dichiarato ai cronisti il portavoce del Cremlino Dmitry Peskov: «Nessuna data è stata fissata».", "it");
  const Quotation* q = Find(doc, "Nessuna data è stata fissata");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->speaker.find("Peskov"), std::string::npos) << q->speaker;
  EXPECT_EQ(q->speaker_code, "RUSGOV");
}

TEST_F(QuotesStageTest, StandAloneQuotationAttributedByTheNextSentence) {
  Document doc = Analyze(
      "«Non lasceremo sola la nostra gente». Con queste parole Volodymyr Zelensky ha aperto il vertice di ieri.",
      "it");
  const Quotation* q = Find(doc, "Non lasceremo sola la nostra gente");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->speaker.find("Zelensky"), std::string::npos) << q->speaker;
}

TEST_F(QuotesStageTest, PassiveAgentAfterThePhrase) {
  Document doc = Analyze("Il governo ha respinto l'idea di una «pace rapida» proposta da Donald Trump.", "it");
  const Quotation* q = Find(doc, "pace rapida");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Donald Trump");
}

TEST_F(QuotesStageTest, ChainOfAttributionKeepsTheRelay) {
  Document doc = Analyze("Dmitry Peskov said Vladimir Putin told Donald Trump that the talks in Istanbul must go on.",
                         "en");
  const Quotation* claim = Find(doc, "the talks in Istanbul must go on", /*indirect=*/true);
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->speaker, "Vladimir Putin");
  EXPECT_EQ(claim->relay, "Dmitry Peskov");
}

TEST_F(QuotesStageTest, SecondoAsRelayOfAQuotedSpeaker) {
  Document doc = Analyze("Secondo Dmitry Peskov, Vladimir Putin ha detto «siamo pronti a un nuovo incontro».", "it");
  const Quotation* q = Find(doc, "siamo pronti a un nuovo incontro");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Vladimir Putin");
  EXPECT_EQ(q->relay, "Dmitry Peskov");
}

TEST_F(QuotesStageTest, IndirectSpeechIsAClaim) {
  Document doc = Analyze("Vladimir Putin ha detto ai giornalisti che la Russia non cambierà la sua posizione.", "it");
  const Quotation* claim = Find(doc, "la Russia non cambierà la sua posizione", /*indirect=*/true);
  ASSERT_NE(claim, nullptr);
  EXPECT_TRUE(claim->indirect);
  EXPECT_EQ(claim->speaker, "Vladimir Putin");
  EXPECT_EQ(doc.Text(claim->content), "la Russia non cambierà la sua posizione");
  EXPECT_EQ(CountDirect(doc), 0u);
}

TEST_F(QuotesStageTest, QuotationInsideReportedSpeechBelongsToItsSpeaker) {
  Document doc = Analyze(
      "Emmanuel Macron ha avvertito che l'accordo è «fragile» e che Mosca deve rispettare «ogni impegno».", "it");
  const Quotation* first = Find(doc, "fragile");
  const Quotation* second = Find(doc, "ogni impegno");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(first->speaker, "Emmanuel Macron");
  EXPECT_EQ(second->speaker, "Emmanuel Macron");
}

TEST_F(QuotesStageTest, EmptyQuotationIsDamageWithoutSpeaker) {
  Document doc = Analyze("Il premier Viktor Orbán ha pubblicato sui social \"\" , poi ha lasciato la sala.", "it");
  ASSERT_EQ(CountDirect(doc), 1u);
  const Quotation& q = doc.extractions().quotes[0];
  EXPECT_EQ(q.kind, QuoteKind::kEmpty);
  EXPECT_TRUE(q.speaker.empty());
  EXPECT_EQ(q.speaker_mention, kNoIndex);
  EXPECT_EQ(q.content.size(), 0u);
  EXPECT_EQ(doc.Text(q.span), "\"\"");
}

TEST_F(QuotesStageTest, TitlesAreNotQuotations) {
  Document doc = Analyze(
      "Il premio è andato al film «Una Notte Senza Luna» della regista francese. "
      "Ieri la band ha presentato il brano «Cieli lontani» a Milano.",
      "it");
  EXPECT_EQ(CountDirect(doc), 0u);
}

TEST_F(QuotesStageTest, ScareQuotesHaveNoSpeaker) {
  Document doc = Analyze("Le navi della cosiddetta «flotta fantasma» hanno lasciato il porto.", "it");
  const Quotation* q = Find(doc, "flotta fantasma");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kScare);
  EXPECT_TRUE(q->speaker.empty());
}

TEST_F(QuotesStageTest, ScraperSpacesInsideStraightQuotes) {
  Document doc = Analyze("\" Adesso dobbiamo chiudere la riunione \", ha detto Donald Trump.", "it");
  const Quotation* q = Find(doc, "Adesso dobbiamo chiudere la riunione");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.Text(q->content), "Adesso dobbiamo chiudere la riunione");
  EXPECT_EQ(q->speaker, "Donald Trump");
}

TEST_F(QuotesStageTest, QuotationRunningOverSentencesIsOne) {
  Document doc = Analyze("«Siamo pronti. Ma non accetteremo ultimatum», ha detto Volodymyr Zelensky.", "it");
  ASSERT_EQ(CountDirect(doc), 1u);
  const Quotation* q = Find(doc, "Siamo pronti. Ma non accetteremo ultimatum");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->speaker.find("Zelensky"), std::string::npos);
}

TEST_F(QuotesStageTest, NestedQuotationIsPartOfTheOuterOne) {
  Document doc = Analyze("«Mi ha risposto “vedremo” e poi ha chiuso», ha detto Emmanuel Macron.", "it");
  ASSERT_EQ(CountDirect(doc), 1u);
  const Quotation* q = Find(doc, "vedremo");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Emmanuel Macron");
}

TEST_F(QuotesStageTest, SingleQuotesBesideApostrophes) {
  Document doc = Analyze("Russia's foreign minister Sergei Lavrov called the plan 'a dangerous provocation'.", "en");
  ASSERT_EQ(CountDirect(doc), 1u);
  const Quotation* q = Find(doc, "a dangerous provocation");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Sergei Lavrov");
}

TEST_F(QuotesStageTest, SpeakerIsTheFullestNameInTheText) {
  Document doc = Analyze("Vladimir Putin ha ricevuto ieri l'inviato americano. «Andiamo avanti», ha detto Putin.", "it");
  const Quotation* q = Find(doc, "Andiamo avanti");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Vladimir Putin");
}

TEST_F(QuotesStageTest, NameTheDictionaryDoesNotKnow) {
  Document doc = Analyze("«Abbiamo giocato con il cuore», ha detto l'allenatore Gianfranco Bertolazzi.", "it");
  const Quotation* q = Find(doc, "Abbiamo giocato con il cuore");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Gianfranco Bertolazzi");
  EXPECT_EQ(q->speaker_mention, kNoIndex);  // not a mention of the actors stage
  EXPECT_TRUE(q->speaker_code.empty());
}

TEST_F(QuotesStageTest, NounPhraseSpeakerIsTheEpithetOfThePreviousSubject) {
  Document doc = Analyze(
      "Emmanuel Macron opened the summit in Marseille on Monday. "
      "\"Europe must act now,\" the former investment banker said in the hall.",
      "en");
  const Quotation* q = Find(doc, "Europe must act now");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Emmanuel Macron");
}

TEST_F(QuotesStageTest, RelayOfABodyReportingAPersonsWords) {
  Document doc = Analyze(
      "Antonio Tajani ha chiesto ai colleghi europei che gli aiuti arrivino «senza altri ritardi», ha riferito "
      "la Farnesina.",
      "it");
  const Quotation* q = Find(doc, "senza altri ritardi");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Antonio Tajani");
  EXPECT_EQ(q->relay, "Farnesina");
}

// --- the seed articles (issue 5's acceptance list) -----------------------------

std::optional<fs::path> Seed(const std::string& prefix) {
  const fs::path seeds = fs::path(CRONACA_SHARED_DIR) / "seeds";
  std::error_code ec;
  if (!fs::is_directory(seeds, ec)) return std::nullopt;
  for (const auto& entry : fs::directory_iterator(seeds)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) return entry.path();
  }
  return std::nullopt;
}

class QuotesSeedsTest : public QuotesStageTest {
 protected:
  static Document AnalyzeSeed(const fs::path& path) {
    InputReader reader({path.string()});
    auto item = reader.Next();
    EXPECT_TRUE(item && item->ok());
    Document doc = std::move(item->value());
    Status s = analyzer_->Analyze(doc);
    EXPECT_TRUE(s.ok()) << s.ToString();
    CheckSpans(doc);
    return doc;
  }
  // The speaker of the direct quotation whose content starts with `start`.
  static std::string SpeakerOf(const Document& doc, const std::string& start) {
    for (const Quotation& q : doc.extractions().quotes) {
      if (!q.indirect && doc.Text(q.content).rfind(start, 0) == 0) return q.speaker.empty() ? "(none)" : q.speaker;
    }
    return "(not found)";
  }
};

TEST_F(QuotesSeedsTest, FirstSeedSpeakers) {
  auto path = Seed("000_");
  if (!path) GTEST_SKIP() << "shared/seeds not present";
  Document doc = AnalyzeSeed(*path);
  EXPECT_EQ(SpeakerOf(doc, "La Russia non si arrender"), "Yuri Ushakov");
  EXPECT_EQ(SpeakerOf(doc, "No, non ho bisogno di aiuto"), "Donald Trump");
  EXPECT_EQ(SpeakerOf(doc, "rafforzare la nostra cooperazione"), "Volodymyr Zelenskyy");
  EXPECT_EQ(SpeakerOf(doc, "nessun progresso"), "Donald Trump");
}

TEST_F(QuotesSeedsTest, SecondSeedSpeakersAndDamage) {
  auto path = Seed("003_");
  if (!path) GTEST_SKIP() << "shared/seeds not present";
  Document doc = AnalyzeSeed(*path);
  EXPECT_EQ(SpeakerOf(doc, "Scusate, ma devo andare"), "Vladimir Putin");
  bool moscow = false, empty = false, title = false;
  for (const Quotation& q : doc.extractions().quotes) {
    if (q.indirect) continue;
    std::string_view content = doc.Text(q.content);
    if (content.rfind("pronta a proseguire", 0) == 0) {
      moscow = q.speaker_code == "RUSGOV";
      EXPECT_EQ(q.speaker, "Mosca");
    }
    if (q.kind == QuoteKind::kEmpty) {
      empty = true;
      EXPECT_TRUE(q.speaker.empty());
      EXPECT_TRUE(content.empty());
    }
    if (content.find("Tempi nuovi") != std::string_view::npos) title = true;
  }
  EXPECT_TRUE(moscow);
  EXPECT_TRUE(empty);
  EXPECT_FALSE(title) << "a forum's title is not a quotation";
}

}  // namespace
}  // namespace cronaca
