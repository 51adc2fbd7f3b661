// Event coding (src/extract/events/): the CAMEO table, the pattern language
// and the coder on sentences written for these tests, one per pattern type.
#include <gtest/gtest.h>

#include <filesystem>

#include <set>
#include <string>
#include <vector>

#include "common/resources.h"
#include "engine/analyzer.h"
#include "extract/events/cameo.h"
#include "extract/events/event_patterns.h"
#include "ingest/reader.h"

namespace cronaca {
namespace {

// --- the CAMEO table -----------------------------------------------------------

TEST(EventsCameo, DefaultTableHasEveryRootAndKnownFacts) {
  Result<const CameoTable*> table = CameoTable::Default();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  for (int root = 1; root <= 20; ++root) {
    std::string code = (root < 10 ? "0" : "") + std::to_string(root);
    const CameoCode* c = (*table)->Find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->quad_class, QuadClassOfRoot(root)) << code;
  }
  EXPECT_GT((*table)->codes().size(), 280u);
  EXPECT_EQ((*table)->Find("163")->plover, "COERCE");
  EXPECT_EQ((*table)->Find("041")->plover, "CONSULT");
  EXPECT_EQ((*table)->Find("041")->plover_mode, "phone");
  EXPECT_DOUBLE_EQ((*table)->Find("057")->goldstein, 8.0);
  EXPECT_DOUBLE_EQ((*table)->Find("195")->goldstein, -10.0);
  EXPECT_EQ((*table)->Find("0356")->quad_class, 1);
  EXPECT_EQ((*table)->Find("041")->intent, "036");
  EXPECT_EQ((*table)->Find("046")->refusal, "125");
  EXPECT_EQ((*table)->Find("111")->refusal, "");
  EXPECT_EQ((*table)->Find("999"), nullptr);
}

struct BadTable {
  const char* text;
  const char* expected;  // substring of the error, with the line number
};

TEST(EventsCameo, ParseRejectsBadRowsNamingTheLine) {
  const std::string ok_root = "04\tconsult\tCONSULT\t-\t1.0\t1\t-\t-\n";
  const BadTable cases[] = {
      {"04\tconsult\tCONSULT\t-\t1.0\t1\t-\t-\n04\tagain\tCONSULT\t-\t1.0\t1\t-\t-\n", "t.tsv:2: duplicate code '04'"},
      {"041\tcall\tCONSULT\tphone\t1.0\t1\t-\t-\n", "t.tsv:1: code '041' comes before its parent '04'"},
      {"04\tconsult\tCONSULT\t-\t12.5\t1\t-\t-\n", "t.tsv:1: Goldstein score 12.5 is outside"},
      {"04\tconsult\tCONSULT\t-\tabc\t1\t-\t-\n", "t.tsv:1: Goldstein score 'abc' is not a number"},
      {"04\tconsult\tCONSULT\t-\t1.0\t3\t-\t-\n", "t.tsv:1: quad class 3 does not match root 04"},
      {"04\tconsult\tCHAT\t-\t1.0\t1\t-\t-\n", "t.tsv:1: unknown PLOVER type 'CHAT'"},
      {"21\tnothing\t-\t-\t1.0\t1\t-\t-\n", "t.tsv:1: code '21' has no CAMEO root"},
      {"# header\n04\tconsult\tCONSULT\t-\t1.0\t1\t036\t-\n", "t.tsv:2: intent or refusal code '036' is not in the table"},
      {"04\tconsult\tCONSULT\n", "t.tsv:1: expected 8 tab-separated columns"},
  };
  for (const BadTable& c : cases) {
    Result<CameoTable> t = CameoTable::Parse(c.text, "t.tsv");
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_NE(t.status().message().find(c.expected), std::string::npos) << t.status().ToString();
  }
  EXPECT_TRUE(CameoTable::Parse(ok_root, "t.tsv").ok());
}

// --- the pattern language ---------------------------------------------------------

TEST(EventsPatterns, ParsesElementsAndSlots) {
  Result<const CameoTable*> cameo = CameoTable::Default();
  ASSERT_TRUE(cameo.ok());
  Result<EventRules> rules = ParseEventRules(
      "negation = non | mai\nprep con = con | col\n"
      "call.light | avere ... ^telefonata:N | 041 | SUBJ | PREP:con\n"
      "raid.n | raid/incursione | 195 | GEN | PREP:con?\n"
      "sanction.p | sanzion* | 163 | SUBJ | NONE\n",
      "e.txt", **cameo);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  ASSERT_EQ(rules->patterns.size(), 3u);
  const EventPattern& call = rules->patterns[0];
  EXPECT_EQ(call.trigger, 2u);
  EXPECT_EQ(call.elements[1].kind, PatternElement::Kind::kGap);
  EXPECT_EQ(call.elements[2].pos, 'N');
  EXPECT_EQ(call.target.kind, SlotKind::kPrep);
  EXPECT_EQ(call.target.prep, "con");
  EXPECT_EQ(rules->patterns[1].elements[0].words, (std::vector<std::string>{"raid", "incursione"}));
  EXPECT_TRUE(rules->patterns[1].target.optional);
  EXPECT_EQ(rules->patterns[2].elements[0].kind, PatternElement::Kind::kPrefix);
  EXPECT_EQ(rules->negation, (std::vector<std::string>{"non", "mai"}));
}

TEST(EventsPatterns, ErrorsNameFileAndLine) {
  Result<const CameoTable*> cameo = CameoTable::Default();
  ASSERT_TRUE(cameo.ok());
  const BadTable cases[] = {
      {"a | condannare | 111 | SUBJ | OBJ\na | criticare | 111 | SUBJ | OBJ\n", "e.txt:2: duplicate pattern id 'a'"},
      {"a | condannare | 999 | SUBJ | OBJ\n", "e.txt:1: unknown CAMEO code '999'"},
      {"a | condannare | 111 | SUBJ | WHOM\n", "e.txt:1: unknown slot 'WHOM'"},
      {"a | condannare | 111 | NONE | OBJ\n", "e.txt:1: the source cannot be NONE"},
      {"\na | ... condannare | 111 | SUBJ | OBJ\n", "e.txt:2: a pattern cannot start or end with '...'"},
      {"a | condannare | 111 | SUBJ\n", "e.txt:1: a pattern has 5 fields"},
      {"colour = rosso\n", "e.txt:1: unknown key 'colour'"},
      {"a | telefonata | 041 | SUBJ | PREP:con\n", "e.txt:1: PREP:con has no 'prep con"},
      {"a | telefonata:X | 041 | SUBJ | OBJ\n", "e.txt:1: part of speech"},
      {"a | firmare | 057 | PAIR | NONE\n", "e.txt:1: PAIR is a target slot"},
  };
  for (const BadTable& c : cases) {
    Result<EventRules> r = ParseEventRules(c.text, "e.txt", **cameo);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos) << r.status().ToString();
  }
}

TEST(EventsPatterns, ShippedDictionariesLoad) {
  Result<const CameoTable*> cameo = CameoTable::Default();
  ASSERT_TRUE(cameo.ok());
  for (const char* lang : {"it", "en"}) {
    std::filesystem::path path = ResourceDir() / lang / "events.txt";
    Result<std::string> text = ReadFile(path);
    ASSERT_TRUE(text.ok()) << path;
    Result<EventRules> rules = ParseEventRules(*text, path.string(), **cameo);
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    EXPECT_GT(rules->patterns.size(), 100u) << lang;
    std::set<std::string> roots;
    for (const EventPattern& p : rules->patterns) roots.insert(p.code.substr(0, 2));
    EXPECT_GE(roots.size(), 19u) << lang;  // every root but 01 statements' rarer kinds
  }
}

// --- the coder ------------------------------------------------------------------

class EventsCoderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto analyzer = Analyzer::Create(AnalyzerOptions{});
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = analyzer->release();
  }
  static void TearDownTestSuite() { delete analyzer_; }

  Document Analyze(const std::string& text, const std::string& lang) {
    Metadata meta;
    meta.lang_hint = lang;
    meta.has_date = true;
    meta.date = PartialDate(2025, 7, 4);
    auto doc = MakeDocument("ev", text, "test", &meta);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    Status s = analyzer_->Analyze(*doc);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return std::move(*doc);
  }
  // "SRC>TGT:code" for each event, source and target cut to their country.
  static std::vector<std::string> Summary(const Document& doc) {
    std::vector<std::string> out;
    for (const Event& e : doc.extractions().events) {
      out.push_back(e.source.substr(0, 3) + ">" + e.target.substr(0, 3) + ":" + e.code);
    }
    return out;
  }
  static bool Has(const Document& doc, const std::string& summary) {
    for (const std::string& s : Summary(doc)) {
      if (s == summary) return true;
    }
    return false;
  }
  static const Event* Find(const Document& doc, const std::string& code) {
    for (const Event& e : doc.extractions().events) {
      if (e.code == code) return &e;
    }
    return nullptr;
  }
  static Analyzer* analyzer_;
};

Analyzer* EventsCoderTest::analyzer_ = nullptr;

TEST_F(EventsCoderTest, VerbalEventWithProvenance) {
  Document doc = Analyze("Ieri la Francia ha condannato duramente la Russia per la violazione degli accordi.", "it");
  ASSERT_TRUE(Has(doc, "FRA>RUS:111")) << ::testing::PrintToString(Summary(doc));
  const Event* e = Find(doc, "111");
  EXPECT_EQ(doc.Text(e->trigger), "condannato");
  EXPECT_EQ(e->rule, "events.it.criticize.condannare");
  EXPECT_EQ(e->plover, "ACCUSE");
  EXPECT_EQ(e->quad_class, 3);
  ASSERT_NE(e->source_mention, kNoIndex);
  EXPECT_EQ(doc.Text(doc.extractions().mentions[e->source_mention].span), "Francia");
  EXPECT_EQ(e->date, "2025-07-03");  // "ieri" in the same sentence
}

TEST_F(EventsCoderTest, CompoundSubjectGivesOneEventPerSource) {
  Document doc = Analyze("La Francia e la Germania hanno criticato l'Iran per il programma nucleare.", "it");
  EXPECT_TRUE(Has(doc, "FRA>IRN:111")) << ::testing::PrintToString(Summary(doc));
  EXPECT_TRUE(Has(doc, "DEU>IRN:111")) << ::testing::PrintToString(Summary(doc));
  Document en = Analyze("France and Germany condemned Iran over the missile launch.", "en");
  EXPECT_TRUE(Has(en, "FRA>IRN:111")) << ::testing::PrintToString(Summary(en));
  EXPECT_TRUE(Has(en, "DEU>IRN:111")) << ::testing::PrintToString(Summary(en));
}

TEST_F(EventsCoderTest, LightVerbAndMultiWord) {
  Document doc = Analyze("Il Cremlino ha avuto una lunga telefonata con la Casa Bianca.", "it");
  EXPECT_TRUE(Has(doc, "RUS>USA:041")) << ::testing::PrintToString(Summary(doc));
  Document appeal = Analyze("Il Giappone ha fatto appello alla Cina perché riduca le tensioni.", "it");
  EXPECT_TRUE(Has(appeal, "JPN>CHN:020")) << ::testing::PrintToString(Summary(appeal));
}

TEST_F(EventsCoderTest, NominalEvents) {
  Document call = Analyze("La telefonata tra la Spagna e il Portogallo è durata un'ora.", "it");
  EXPECT_TRUE(Has(call, "ESP>PRT:041")) << ::testing::PrintToString(Summary(call));
  Document raid = Analyze("I raid russi su Kiev sono continuati per tutta la notte.", "it");
  EXPECT_TRUE(Has(raid, "RUS>UKR:195")) << ::testing::PrintToString(Summary(raid));
  Document sanctions = Analyze("Canada imposed new sanctions on Iran after the vote.", "en");
  EXPECT_TRUE(Has(sanctions, "CAN>IRN:163")) << ::testing::PrintToString(Summary(sanctions));
  const Event* e = Find(sanctions, "163");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->plover, "COERCE");
}

TEST_F(EventsCoderTest, PassiveTakesTheAgentAsSource) {
  Document doc = Analyze("L'Iran è stato condannato dalla Francia per il lancio.", "it");
  EXPECT_TRUE(Has(doc, "FRA>IRN:111")) << ::testing::PrintToString(Summary(doc));
  EXPECT_FALSE(Has(doc, "IRN>FRA:111"));
  Document en = Analyze("Iran was condemned by Canada for the launch.", "en");
  EXPECT_TRUE(Has(en, "CAN>IRN:111")) << ::testing::PrintToString(Summary(en));
}

TEST_F(EventsCoderTest, ReflexiveAndClitic) {
  Document ready = Analyze("La Russia si è detta pronta a negoziare con l'Ucraina.", "it");
  EXPECT_TRUE(Has(ready, "RUS>UKR:036")) << ::testing::PrintToString(Summary(ready));
  Document clitic = Analyze("Il Giappone ha invitato la Cina e poi la ha ricevuta.", "it");
  EXPECT_TRUE(Has(clitic, "JPN>CHN:043")) << ::testing::PrintToString(Summary(clitic));
}

TEST_F(EventsCoderTest, PairTargetCodesBothDirections) {
  Document pair = Analyze("La Grecia e la Turchia hanno firmato ieri ad Atene.", "it");
  EXPECT_TRUE(Has(pair, "GRC>TUR:057")) << ::testing::PrintToString(Summary(pair));
  EXPECT_TRUE(Has(pair, "TUR>GRC:057")) << ::testing::PrintToString(Summary(pair));
  Document single = Analyze("La Grecia ha firmato ieri.", "it");
  EXPECT_EQ(Find(single, "057"), nullptr) << ::testing::PrintToString(Summary(single));
}

TEST_F(EventsCoderTest, PlaceStandsForTheTargetCountry) {
  Document doc = Analyze("Il premier polacco è arrivato ieri ad Aarhus per il vertice.", "it");
  ASSERT_TRUE(Has(doc, "POL>DNK:042")) << ::testing::PrintToString(Summary(doc));
  const Event* e = Find(doc, "042");
  EXPECT_FALSE(e->place.empty());
  EXPECT_EQ(e->target_mention, kNoIndex);
}

TEST_F(EventsCoderTest, ElidedSubjectComesFromThePreviousSentence) {
  Document doc = Analyze("La Francia ha convocato i giornalisti. Ha poi condannato la Russia per l'attacco.", "it");
  EXPECT_TRUE(Has(doc, "FRA>RUS:111")) << ::testing::PrintToString(Summary(doc));
}

TEST_F(EventsCoderTest, NegatedEventIsNotCoded) {
  Document doc = Analyze("La Francia non ha condannato la Russia.", "it");
  EXPECT_FALSE(Has(doc, "FRA>RUS:111")) << ::testing::PrintToString(Summary(doc));
  Document en = Analyze("Canada did not condemn Russia.", "en");
  EXPECT_TRUE(en.extractions().events.empty()) << ::testing::PrintToString(Summary(en));
}

TEST_F(EventsCoderTest, NegatedCooperationBecomesRefusal) {
  Document doc = Analyze("La Cina non incontrerà il Giappone.", "it");
  EXPECT_FALSE(Has(doc, "CHN>JPN:044")) << ::testing::PrintToString(Summary(doc));
  const Event* e = Find(doc, "125");
  ASSERT_NE(e, nullptr) << ::testing::PrintToString(Summary(doc));
  EXPECT_TRUE(e->modality & kModalityNegated);
}

TEST_F(EventsCoderTest, HistoryGetsItsOwnDate) {
  Document doc = Analyze("La Russia ha invaso l'Ucraina nel febbraio 2022.", "it");
  const Event* e = Find(doc, "190");
  ASSERT_NE(e, nullptr) << ::testing::PrintToString(Summary(doc));
  EXPECT_EQ(e->date, "2022-02");
  EXPECT_TRUE(e->modality & kModalityHistory);
}

TEST_F(EventsCoderTest, IntentAndAllegedModality) {
  Document threat = Analyze("La Russia ha minacciato di bombardare Kiev.", "it");
  const Event* e = Find(threat, "1384");
  ASSERT_NE(e, nullptr) << ::testing::PrintToString(Summary(threat));
  EXPECT_TRUE(e->modality & kModalityIntent);
  EXPECT_EQ(Find(threat, "195"), nullptr);
  Document alleged = Analyze("Russia reportedly attacked Ukraine at dawn.", "en");
  const Event* a = Find(alleged, "190");
  ASSERT_NE(a, nullptr) << ::testing::PrintToString(Summary(alleged));
  EXPECT_TRUE(a->modality & kModalityAlleged);
  EXPECT_LT(a->confidence, 1.0f);
}

TEST_F(EventsCoderTest, CoordinatedVerbPhraseSharesTheFirstSubject) {
  // The actor nearest to the second verb ("Giappone") sits in the first verb's object.
  Document doc = Analyze(
      "La Spagna e il Portogallo hanno criticato ieri le manovre nel Mar del Giappone e hanno chiesto alla Cina di "
      "fermarle.",
      "it");
  EXPECT_TRUE(Has(doc, "ESP>CHN:020")) << ::testing::PrintToString(Summary(doc));
  EXPECT_TRUE(Has(doc, "PRT>CHN:020")) << ::testing::PrintToString(Summary(doc));
  EXPECT_FALSE(Has(doc, "JPN>CHN:020")) << ::testing::PrintToString(Summary(doc));
}

TEST_F(EventsCoderTest, RequestIsAnAppealAndInsistingIsADemand) {
  Document ask = Analyze("Il Messico ha chiesto al Canada nuovi investimenti.", "it");
  EXPECT_TRUE(Has(ask, "MEX>CAN:020")) << ::testing::PrintToString(Summary(ask));
  Document insist = Analyze("Il Messico ha chiesto con forza al Canada il ritiro della legge.", "it");
  ASSERT_FALSE(insist.extractions().events.empty());
  EXPECT_EQ(insist.extractions().events[0].code.substr(0, 2), "10") << ::testing::PrintToString(Summary(insist));
}

TEST_F(EventsCoderTest, ReciprocalMeetingPairsTheCoordinatedSubject) {
  // "a margine del vertice del G20" must not become the target.
  Document doc = Analyze("Il Brasile e l'India si sono incontrati martedì a margine del vertice del G20.", "it");
  EXPECT_TRUE(Has(doc, "BRA>IND:044")) << ::testing::PrintToString(Summary(doc));
  EXPECT_EQ(doc.extractions().events.size(), 1u) << ::testing::PrintToString(Summary(doc));
}

TEST_F(EventsCoderTest, WarningsAndVowsOfRetaliationAreThreats) {
  Document warn = Analyze("La Serbia ha avvertito il Kosovo dopo gli scontri.", "it");
  EXPECT_TRUE(Has(warn, "SRB>KOS:130") || Has(warn, "SRB>XKX:130")) << ::testing::PrintToString(Summary(warn));
  Document vow = Analyze("Pakistan vowed retaliation against India after the raid.", "en");
  EXPECT_TRUE(Has(vow, "PAK>IND:138")) << ::testing::PrintToString(Summary(vow));
}

TEST_F(EventsCoderTest, AgreeingToActIsIntentToCooperate) {
  Document doc = Analyze("Chile and Peru agreed to reopen the border crossings.", "en");
  EXPECT_TRUE(Has(doc, "CHL>PER:030")) << ::testing::PrintToString(Summary(doc));
}

TEST_F(EventsCoderTest, GenitiveBeforeTheNounDoesNotCrossAComma) {
  // "del G7" is before the comma: the sanctions are Japan's, not the G7's.
  Document doc = Analyze("Il Giappone ha annunciato sabato, a margine del vertice del G7, nuove sanzioni contro la Russia.",
                         "it");
  for (const Event& e : doc.extractions().events) EXPECT_NE(e.source, "IGO") << ::testing::PrintToString(Summary(doc));
}

TEST_F(EventsCoderTest, DateIsTheTriggersOwnNotAStartingPoint) {
  // A "since"/"dal" year is a starting point, and a year in another clause loses to the trigger's own weekday.
  Document it = Analyze("Nel primo vertice dal 2019, la Spagna e il Marocco si sono incontrati mercoledì a Rabat.", "it");
  const Event* e = Find(it, "044");
  ASSERT_NE(e, nullptr) << ::testing::PrintToString(Summary(it));
  EXPECT_EQ(e->date, "2025-07-02");
  EXPECT_FALSE(e->modality & kModalityHistory);
  Document en = Analyze("Russia, which annexed Crimea in 2014, attacked Poland on Wednesday.", "en");
  bool found = false;
  for (const Event& ev : en.extractions().events) {
    if (ev.target.substr(0, 3) != "POL") continue;
    found = true;
    EXPECT_EQ(ev.date, "2025-07-02");
  }
  EXPECT_TRUE(found) << ::testing::PrintToString(Summary(en));
}

TEST_F(EventsCoderTest, NewTriggerFamilies) {
  Document drills = Analyze("La Turchia e l'Egitto hanno avviato ieri esercitazioni navali congiunte.", "it");
  EXPECT_TRUE(Has(drills, "TUR>EGY:062")) << ::testing::PrintToString(Summary(drills));
  Document posture = Analyze("La Cina ha avviato ieri esercitazioni militari attorno alle Filippine.", "it");
  EXPECT_TRUE(Has(posture, "CHN>PHL:150")) << ::testing::PrintToString(Summary(posture));
  Document deny = Analyze("L'Egitto ha respinto le accuse della Libia.", "it");
  EXPECT_TRUE(Has(deny, "EGY>LBY:016")) << ::testing::PrintToString(Summary(deny));
  Document fly = Analyze("The Kenyan president flew to Ethiopia on Monday.", "en");
  EXPECT_TRUE(Has(fly, "KEN>ETH:042")) << ::testing::PrintToString(Summary(fly));
  Document aid = Analyze("Norway announced new humanitarian aid for Sudan.", "en");
  EXPECT_TRUE(Has(aid, "NOR>SDN:073")) << ::testing::PrintToString(Summary(aid));
  Document support = Analyze("Il Giappone ha espresso sostegno all'Ucraina.", "it");
  EXPECT_TRUE(Has(support, "JPN>UKR:051")) << ::testing::PrintToString(Summary(support));
  Document border = Analyze("Thailand sealed its border with Cambodia.", "en");
  EXPECT_TRUE(Has(border, "THA>KHM:191")) << ::testing::PrintToString(Summary(border));
}

TEST_F(EventsCoderTest, ObjectSkipsTheSourcesOwnBody) {
  // "alla Farnesina" is the Italian foreign ministry, the source's own body: the guest is the target.
  Document doc = Analyze("Il ministro degli Esteri Antonio Tajani ha ricevuto ieri alla Farnesina il ministro greco.", "it");
  EXPECT_TRUE(Has(doc, "ITA>GRC:043")) << ::testing::PrintToString(Summary(doc));
}

TEST_F(EventsCoderTest, CoordinationRepeatsThePrepositionAndBetweenTakesAppositions) {
  Document call = Analyze("Il premier greco ha parlato al telefono con il Canada e con la Norvegia.", "it");
  EXPECT_TRUE(Has(call, "GRC>CAN:041")) << ::testing::PrintToString(Summary(call));
  EXPECT_TRUE(Has(call, "GRC>NOR:041")) << ::testing::PrintToString(Summary(call));
  Document between = Analyze(
      "La telefonata di ieri tra il presidente francese Emmanuel Macron e il premier indiano è durata un'ora.", "it");
  EXPECT_TRUE(Has(between, "FRA>IND:041")) << ::testing::PrintToString(Summary(between));
}

TEST_F(EventsCoderTest, ObjectInsideTheGapOfATriggerFirstPattern) {
  // The specific code (full match) wins and its object sits between the trigger and the noun.
  Document threat = Analyze("Canada threatened Iran with sanctions on Monday.", "en");
  EXPECT_TRUE(Has(threat, "CAN>IRN:1312")) << ::testing::PrintToString(Summary(threat));
  Document accuse = Analyze("La Grecia ha accusato la Turchia di crimini di guerra.", "it");
  EXPECT_TRUE(Has(accuse, "GRC>TUR:1124")) << ::testing::PrintToString(Summary(accuse));
}

TEST_F(EventsCoderTest, ActorAfterAGenitiveIsSubjectOnlyAsALastResort) {
  Document doc = Analyze("La Francia, al termine del vertice della Nato, ha condannato la Russia.", "it");
  EXPECT_TRUE(Has(doc, "FRA>RUS:111")) << ::testing::PrintToString(Summary(doc));
  EXPECT_FALSE(Has(doc, "NAT>RUS:111")) << ::testing::PrintToString(Summary(doc));
  Document alone = Analyze("Una nota della Cina ha condannato la Russia.", "it");  // no other actor: the fallback
  EXPECT_TRUE(Has(alone, "CHN>RUS:111")) << ::testing::PrintToString(Summary(alone));
}

TEST_F(EventsCoderTest, FrozenTalksPunishmentFireAndTargetlessCeasefireAppeal) {
  Document frozen = Analyze("La Serbia ha annunciato il congelamento dei negoziati con il Kosovo.", "it");
  EXPECT_TRUE(Has(frozen, "SRB>XKX:164") || Has(frozen, "SRB>KOS:164")) << ::testing::PrintToString(Summary(frozen));
  Document punish = Analyze("L'Iran ha promesso una dura punizione a Israele.", "it");
  EXPECT_TRUE(Has(punish, "IRN>ISR:138")) << ::testing::PrintToString(Summary(punish));
  Document fire = Analyze("Syrian fire on Turkish soldiers killed two.", "en");
  EXPECT_TRUE(Has(fire, "SYR>TUR:193")) << ::testing::PrintToString(Summary(fire));
  Document appeal = Analyze("The Pope has been calling for a ceasefire.", "en");
  const Event* e = Find(appeal, "0256");
  ASSERT_NE(e, nullptr) << ::testing::PrintToString(Summary(appeal));
  EXPECT_TRUE(e->target.empty());
}

TEST_F(EventsCoderTest, AgreedTruceIsMutualAndBrokenRelationsAsANoun) {
  Document truce = Analyze("Armenia e Azerbaigian hanno concordato una tregua.", "it");
  EXPECT_TRUE(Has(truce, "ARM>AZE:0871")) << ::testing::PrintToString(Summary(truce));
  EXPECT_TRUE(Has(truce, "AZE>ARM:0871")) << ::testing::PrintToString(Summary(truce));
  Document rupture = Analyze("La Lituania ha annunciato la rottura delle relazioni con la Bielorussia.", "it");
  EXPECT_TRUE(Has(rupture, "LTU>BLR:161")) << ::testing::PrintToString(Summary(rupture));
}

TEST_F(EventsCoderTest, LessCommonCriticismAndRejectionVerbs) {
  Document castigate = Analyze("Chile castigated Peru over the border decision.", "en");
  EXPECT_TRUE(Has(castigate, "CHL>PER:111")) << ::testing::PrintToString(Summary(castigate));
  Document repudiate = Analyze("Hungary repudiated Sweden on Tuesday.", "en");
  EXPECT_TRUE(Has(repudiate, "HUN>SWE:120")) << ::testing::PrintToString(Summary(repudiate));
  Document censure = Analyze("Il Cile ha censurato il Perù.", "it");
  EXPECT_TRUE(Has(censure, "CHL>PER:111")) << ::testing::PrintToString(Summary(censure));
  Document overran = Analyze("Ethiopia overran Eritrea in a week.", "en");  // irregular past, listed as a form
  EXPECT_TRUE(Has(overran, "ETH>ERI:192")) << ::testing::PrintToString(Summary(overran));
}

}  // namespace
}  // namespace cronaca

namespace cronaca {
namespace {

// Regression: the protest pattern took the month "March" for the verb.
TEST_F(EventsCoderTest, MonthMarchIsNoProtest) {
  Document doc = Analyze("The United Nations has urged Russia to stop the strikes since March.", "en");
  for (const Event& e : doc.extractions().events) EXPECT_NE(e.code.substr(0, 2), "14") << doc.Text(e.trigger);
}


// --- issue #6: slot finding and actor roles (sentences written for these tests) ---

// The full actor codes of each event: "SRCFULL>TGTFULL:code".
std::vector<std::string> FullSummary(const Document& doc) {
  std::vector<std::string> out;
  for (const Event& e : doc.extractions().events) out.push_back(e.source + ">" + e.target + ":" + e.code);
  return out;
}
bool HasFull(const Document& doc, const std::string& summary) {
  for (const std::string& s : FullSummary(doc)) {
    if (s == summary) return true;
  }
  return false;
}

// A country named as an actor acts through its government, or its armed
// forces for force; as a target it is its government in diplomatic acts and
// the bare country when its territory is hit.
TEST_F(EventsCoderTest, BareCountryTakesTheRoleOfTheAct) {
  Document doc = Analyze("La Francia ha condannato Israele. La Russia ha bombardato l'Ucraina.", "it");
  EXPECT_TRUE(HasFull(doc, "FRAGOV>ISRGOV:111")) << ::testing::PrintToString(FullSummary(doc));
  EXPECT_TRUE(HasFull(doc, "RUSMIL>UKR:195")) << ::testing::PrintToString(FullSummary(doc));
  Document en = Analyze("Chile recalled its ambassador from Peru on Monday.", "en");
  EXPECT_TRUE(HasFull(en, "CHLGOV>PERGOV:161")) << ::testing::PrintToString(FullSummary(en));
}

// Two actors each written as title + name ("il presidente argentino Javier
// Milei e il presidente brasiliano Lula") are a coordinated subject.
TEST_F(EventsCoderTest, CoordinationOverAppositions) {
  Document doc = Analyze(
      "Il presidente argentino Javier Milei e il presidente brasiliano Lula hanno firmato ieri a Brasilia un accordo "
      "commerciale.",
      "it");
  EXPECT_TRUE(Has(doc, "ARG>BRA:057")) << ::testing::PrintToString(Summary(doc));
  EXPECT_TRUE(Has(doc, "BRA>ARG:057")) << ::testing::PrintToString(Summary(doc));
}

// A passive with its auxiliary takes the agent as source even when the
// subject is no actor and the agent is far from the verb.
TEST_F(EventsCoderTest, PassiveWithFarAgent) {
  Document en = Analyze("A trade pact was signed in Geneva on Monday by Chile and Peru.", "en");
  EXPECT_TRUE(Has(en, "CHL>PER:057")) << ::testing::PrintToString(Summary(en));
  EXPECT_TRUE(Has(en, "PER>CHL:057")) << ::testing::PrintToString(Summary(en));
  Document it = Analyze("Un accordo commerciale è stato firmato lunedì a Ginevra dal Cile e dal Perù.", "it");
  EXPECT_TRUE(Has(it, "CHL>PER:057")) << ::testing::PrintToString(Summary(it));
}

// Crowds are civilians of the country in context, and a protest with no
// named target is against their own government (/HOME).
TEST_F(EventsCoderTest, ProtestOfCrowdsTargetsTheirGovernment) {
  Document it = Analyze("Il Perù è in crisi. Migliaia di persone hanno manifestato ieri a Lima.", "it");
  EXPECT_TRUE(HasFull(it, "PERCVL>PERGOV:141")) << ::testing::PrintToString(FullSummary(it));
  Document en = Analyze("Peru is in crisis. Thousands of people marched through Lima on Sunday.", "en");
  EXPECT_TRUE(HasFull(en, "PERCVL>PERGOV:141")) << ::testing::PrintToString(FullSummary(en));
  // a named target still wins
  Document against = Analyze("Students protested against Chile outside its embassy in Lima.", "en");
  EXPECT_FALSE(HasFull(against, "PERCVL>PERGOV:141")) << ::testing::PrintToString(FullSummary(against));
}

// "flew to Madrid for talks with X": the talks are the purpose of the
// visit, not a second event.
TEST_F(EventsCoderTest, PurposeNounIsNoSecondEvent) {
  Document doc = Analyze("The Chilean president flew to Madrid on Monday for talks with the Spanish prime minister.", "en");
  EXPECT_TRUE(Has(doc, "CHL>ESP:042")) << ::testing::PrintToString(Summary(doc));
  for (const Event& e : doc.extractions().events) EXPECT_NE(e.code, "046") << doc.Text(e.trigger);
}

// A word of an actor's name ("Rapid Support Forces") triggers nothing.
TEST_F(EventsCoderTest, NameWordsAreNoTriggers) {
  Document doc = Analyze("Peru condemned the Rapid Support Forces after the attack on Chile.", "en");
  EXPECT_TRUE(Has(doc, "PER>SDN:111")) << ::testing::PrintToString(Summary(doc));
  for (const Event& e : doc.extractions().events) EXPECT_NE(e.code, "051") << doc.Text(e.trigger);
}

// "after Chile accused Peru": an actor right before the verb is its subject
// even after a word that is usually a preposition.
TEST_F(EventsCoderTest, SubjectRightBeforeVerbAfterConjunction) {
  Document doc = Analyze("The talks collapsed after Chile accused Peru of fraud.", "en");
  EXPECT_TRUE(Has(doc, "CHL>PER:112")) << ::testing::PrintToString(Summary(doc));
}

TEST(EventsPatterns, HomeTargetSyntax) {
  Result<const CameoTable*> cameo = CameoTable::Default();
  ASSERT_TRUE(cameo.ok());
  Result<EventRules> ok = ParseEventRules("prep contro = contro\np | protestare | 141 | SUBJ | PREP:contro/HOME\n", "e.txt", **cameo);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->patterns[0].target.home);
  EXPECT_EQ(ok->patterns[0].target.kind, SlotKind::kPrep);
  Result<EventRules> optional = ParseEventRules("p | protestare | 141 | SUBJ | NONE?/HOME\n", "e.txt", **cameo);
  ASSERT_FALSE(optional.ok());
  EXPECT_NE(optional.status().message().find("e.txt:1: a /HOME target is never empty"), std::string::npos);
  Result<EventRules> source = ParseEventRules("p | protestare | 141 | SUBJ/HOME | NONE\n", "e.txt", **cameo);
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.status().message().find("e.txt:1: /HOME is for targets"), std::string::npos);
}


// "Alla presenza di X, Y ha firmato": a comma does not join the subject to
// the end of a fronted phrase.
TEST_F(EventsCoderTest, FrontedPhraseIsNoPartOfTheSubject) {
  Document doc = Analyze(
      "Alla presenza del presidente francese Emmanuel Macron, il presidente argentino Javier Milei ha firmato ieri un "
      "accordo con il presidente brasiliano Lula.",
      "it");
  EXPECT_TRUE(Has(doc, "ARG>BRA:057")) << ::testing::PrintToString(Summary(doc));
  for (const Event& e : doc.extractions().events) EXPECT_NE(e.source.substr(0, 3), "FRA") << doc.Text(e.trigger);
}

// "In visita ieri a Madrid, il presidente argentino ha chiesto...": the
// subject of a fronted phrase is the main clause's, after the comma.
TEST_F(EventsCoderTest, FrontedPhraseTakesTheMainSubject) {
  Document doc = Analyze("In visita ieri a Madrid, il presidente argentino Javier Milei ha chiesto alla Spagna nuovi investimenti.",
                         "it");
  EXPECT_TRUE(Has(doc, "ARG>ESP:042")) << ::testing::PrintToString(Summary(doc));
}

// A reaction with no target in its sentence answers the previous sentence's act.
TEST_F(EventsCoderTest, ReactionAnswersThePreviousAct) {
  Document it = Analyze("Il Cile ha espulso due diplomatici peruviani. Il Perù ha condannato duramente la decisione.", "it");
  EXPECT_TRUE(Has(it, "PER>CHL:111")) << ::testing::PrintToString(Summary(it));
  Document en = Analyze("Chile expelled two Peruvian diplomats on Monday. Peru condemned the decision as hostile.", "en");
  EXPECT_TRUE(Has(en, "PER>CHL:111")) << ::testing::PrintToString(Summary(en));
  // not for acts that are no reactions
  Document visit = Analyze("Il Cile ha espulso due diplomatici peruviani. Il Perù ha ricevuto la notizia in serata.", "it");
  EXPECT_FALSE(Has(visit, "PER>CHL:043")) << ::testing::PrintToString(Summary(visit));
}

// An actor after a verb and an adverb is that verb's object, not the
// subject of the next verb ("ha sentito oggi Lula e spera di incontrarlo").
TEST_F(EventsCoderTest, ObjectAfterAdverbIsNoSubject) {
  Document doc = Analyze("Javier Milei ha sentito oggi Lula e spera di incontrarlo la prossima settimana a Brasilia.", "it");
  EXPECT_TRUE(Has(doc, "ARG>BRA:036")) << ::testing::PrintToString(Summary(doc));
  EXPECT_FALSE(Has(doc, "BRA>ARG:036")) << ::testing::PrintToString(Summary(doc));
}

// A headline-style clause with no subject: the pair after "tra".
TEST_F(EventsCoderTest, SubjectlessClauseTakesTheBetweenPair) {
  Document doc = Analyze("Firmato ieri a Santiago il memorandum d'intesa tra il Cile e il Perù su energia e commercio.", "it");
  EXPECT_TRUE(Has(doc, "CHL>PER:057")) << ::testing::PrintToString(Summary(doc));
}

// A trigger that is an agent's role word is its own object.
TEST_F(EventsCoderTest, RoleWordTriggerIsItsOwnObject) {
  Document doc = Analyze("Chile expelled two Peruvian diplomats on Monday after the row over the border.", "en");
  EXPECT_TRUE(HasFull(doc, "CHLGOV>PERGOV:161")) << ::testing::PrintToString(FullSummary(doc));
}

// A sentence or a conviction is a finding of guilt (116), not an arrest.
TEST_F(EventsCoderTest, SentenceIsAFindingOfGuilt) {
  Document doc = Analyze("A Chilean court sentenced a Peruvian general to ten years in prison.", "en");
  for (const Event& e : doc.extractions().events) EXPECT_NE(e.code, "173") << doc.Text(e.trigger);
}


// A gap does not count determiners and adjectives, so a ceasefire agreed by
// two parties is found past "on Sunday to a complete and lasting".
TEST_F(EventsCoderTest, GapSkipsDeterminersAndAdjectivesFreely) {
  Document doc = Analyze("Chile and Peru agreed on Sunday to a complete and lasting ceasefire along the border.", "en");
  EXPECT_TRUE(Has(doc, "CHL>PER:0871")) << ::testing::PrintToString(Summary(doc));
}

// "signed by A and B, with C looking on": C is no third signatory.
TEST_F(EventsCoderTest, CommaThenPrepositionEndsTheCoordination) {
  Document doc = Analyze(
      "A joint declaration was signed in Lima on Friday by Chile and Peru, with Argentina looking on.", "en");
  EXPECT_TRUE(Has(doc, "CHL>PER:057")) << ::testing::PrintToString(Summary(doc));
  for (const Event& e : doc.extractions().events) {
    EXPECT_NE(e.source.substr(0, 3), "ARG") << doc.Text(e.trigger);
    EXPECT_NE(e.target.substr(0, 3), "ARG") << doc.Text(e.trigger);
  }
}


// "detained by police": the agent is found even where the morphology takes
// "police" for an adjective (actors: an adjective-tagged agent word is
// dropped only next to a noun or adjective), and takes the country in context.
TEST_F(EventsCoderTest, PoliceAsAgentOfAPassive) {
  Document doc = Analyze("Peru is in turmoil. The opposition was detained by police in Lima on Monday.", "en");
  EXPECT_TRUE(HasFull(doc, "PERCOP>PEROPP:173")) << ::testing::PrintToString(FullSummary(doc));
}


// A nominal event as the subject of a passive takes the agent as source.
TEST_F(EventsCoderTest, NominalEventInAPassiveTakesTheAgent) {
  Document doc = Analyze("Nuove sanzioni sono state imposte ieri dal Cile contro il Perù per la crisi al confine.", "it");
  EXPECT_TRUE(Has(doc, "CHL>PER:163")) << ::testing::PrintToString(Summary(doc));
}

// Nominal phone calls: "conversazione telefonica ... con X" takes the
// subject as source; "la telefonata di X" has X as caller and the subject as
// the one called.
TEST_F(EventsCoderTest, NominalPhoneCallWithAndOf) {
  Document with = Analyze("Il premier spagnolo ha ribadito la sua posizione durante un colloquio telefonico con il Marocco.", "it");
  EXPECT_TRUE(Has(with, "ESP>MAR:041")) << ::testing::PrintToString(Summary(with));
  const Event* e = Find(with, "041");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->rule, "events.it.call.tel.con");
  Document of = Analyze("Il premier greco ha lasciato la riunione per rispondere alla telefonata del presidente cileno.", "it");
  EXPECT_TRUE(Has(of, "CHL>GRC:041")) << ::testing::PrintToString(Summary(of));
  EXPECT_FALSE(Has(of, "GRC>CHL:041")) << ::testing::PrintToString(Summary(of));
}

// An actor hyphen-joined to another ("il conflitto etiope-eritreo") modifies
// a noun and is never the subject of the verb after it.
TEST_F(EventsCoderTest, HyphenJoinedActorsAreNoSubject) {
  Document doc = Analyze("La Francia è entrata nella guerra Etiopia-Eritrea, bombardando alcune basi eritree.", "it");
  EXPECT_TRUE(Has(doc, "FRA>ERI:195")) << ::testing::PrintToString(Summary(doc));
  EXPECT_FALSE(Has(doc, "ETH>ERI:195")) << ::testing::PrintToString(Summary(doc));
  // a spaced dash (a dateline) joins nothing: the actor after it is still the subject
  Document dateline = Analyze("OTTAWA - Canada condemned Venezuela over the election.", "en");
  EXPECT_TRUE(Has(dateline, "CAN>VEN:111")) << ::testing::PrintToString(Summary(dateline));
}

// Light verbs over event nouns: supporting a proposal (051, no named
// target), intensifying attacks (190), insisting that something be done (100).
TEST_F(EventsCoderTest, SupportIntensifyInsist) {
  Document support = Analyze("Il Portogallo ha appoggiato la proposta.", "it");
  EXPECT_TRUE(Has(support, "PRT>:051")) << ::testing::PrintToString(Summary(support));
  Document attacks = Analyze("La Siria ha intensificato i suoi attacchi alla Turchia.", "it");
  EXPECT_TRUE(Has(attacks, "SYR>TUR:190")) << ::testing::PrintToString(Summary(attacks));
  Document insist = Analyze("Il governo turco ha insistito sul fatto che ogni accordo debba prevedere il ritiro delle truppe.", "it");
  EXPECT_TRUE(Has(insist, "TUR>:100")) << ::testing::PrintToString(Summary(insist));
}

}  // namespace
}  // namespace cronaca
