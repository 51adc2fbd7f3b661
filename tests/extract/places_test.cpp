// Tests for the places stage (src/extract/places/): folding, one-edit
// neighbours against a slow reference, the gazetteer's formats and errors,
// and the stage end to end on sentences written for these tests, with the
// generated table data/places.tsv (scripts/setup builds it) and the real
// morphology.
#include "extract/places/places.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "common/resources.h"
#include "engine/analyzer.h"
#include "extract/places/edits.h"
#include "extract/places/fold.h"
#include "extract/places/gazetteer.h"
#include "ingest/reader.h"
#include "morph/morphology.h"
#include "text/language.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace cronaca {
namespace {

using places::Fold;
using places::FoldResult;
using places::FoldWords;
using places::Gazetteer;
using places::NameMatch;
using places::OsaDistance;
using places::PlaceKind;

// ---------------------------------------------------------------------------
// Folding

TEST(PlacesFold, FoldsCaseAccentsAndApostrophes) {
  struct Case {
    const char* text;
    const char* folded;
  };
  const Case cases[] = {
      {"Århus", "arhus"},
      {"L'Aia", "l aia"},
      {"L’Aia", "l aia"},
      {"Raʼs al-Khaymah", "ra s al khaymah"},
      {"Monaco di Baviera", "monaco di baviera"},
      {"Chișinău", "chisinau"},
      {"Ḩalḩūl", "halhul"},
      {"Straße", "strasse"},
      {"Łódź", "lodz"},
      {"Washington, D.C.", "washington d c"},
      {"  KYIV  ", "kyiv"},
      {"Zaporiz\xCC\x8C", "zaporiz"},  // a combining caron left in the input vanishes
      {"---", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(Fold(c.text), c.folded) << c.text;
}

TEST(PlacesFold, RecordsCapitalsPerWordAndAppendsWithOneSpace) {
  std::string key = "rio";
  FoldResult result = FoldWords("de Janeiro", &key);
  EXPECT_EQ(key, "rio de janeiro");
  EXPECT_EQ(result.words, 2u);
  EXPECT_EQ(result.capital_mask, 0b10u);
  EXPECT_EQ(result.letters, 9u);
  result = FoldWords("", &key);
  EXPECT_EQ(key, "rio de janeiro");
  EXPECT_EQ(result.words, 0u);
  result = FoldWords("Ëlla", &key);
  EXPECT_EQ(result.capital_mask, 1u);
}

TEST(PlacesFold, InvalidUtf8SeparatesWords) {
  EXPECT_EQ(Fold("Kyi\xFFv"), "kyi v");
  EXPECT_EQ(Fold("\xC3"), "");
}

// ---------------------------------------------------------------------------
// One-edit neighbours, checked against the O(nm) reference

TEST(PlacesEdits, OsaDistanceReference) {
  EXPECT_EQ(OsaDistance("aahrus", "aarhus"), 1u);
  EXPECT_EQ(OsaDistance("istabnul", "istanbul"), 1u);
  EXPECT_EQ(OsaDistance("milano", "milan"), 1u);
  EXPECT_EQ(OsaDistance("roma", "roma"), 0u);
  EXPECT_EQ(OsaDistance("ca", "abc"), 3u);  // OSA, not unrestricted Damerau (2)
  EXPECT_EQ(OsaDistance("", "abc"), 3u);
}

TEST(PlacesEdits, EveryVariantIsOneEditAwayAndEveryNeighbourIsProduced) {
  std::mt19937 rng(7);
  const std::string alphabet = "abcz0";
  std::string scratch;
  for (int round = 0; round < 40; ++round) {
    std::string word;
    const size_t length = 1 + rng() % 6;
    for (size_t i = 0; i < length; ++i) word.push_back(alphabet[rng() % alphabet.size()]);
    std::set<std::string> produced;
    places::ForEachOneEdit(word, &scratch, [&](std::string_view variant) {
      EXPECT_EQ(OsaDistance(word, variant), 1u) << word << " -> " << variant;
      produced.emplace(variant);
    });
    // Brute force: every string over the edit alphabet of length n-1..n+1 at
    // distance 1 (sampled: all strings over a small alphabet are enough to
    // cover each edit kind).
    std::vector<std::string> frontier = {""};
    for (size_t n = 0; n <= length + 1; ++n) {
      for (const std::string& candidate : frontier) {
        if (candidate.size() + 1 >= length && OsaDistance(word, candidate) == 1) {
          EXPECT_TRUE(produced.count(candidate)) << word << " misses " << candidate;
        }
      }
      std::vector<std::string> next;
      for (const std::string& prefix : frontier) {
        for (char c : alphabet) next.push_back(prefix + c);
      }
      frontier = std::move(next);
    }
  }
}

// ---------------------------------------------------------------------------
// The gazetteer's formats

constexpr char kTinyData[] =
    "# cronaca-places 1\n"
    "# id\tkind\tcountry3\tregion\tpopulation\tlatitude\tlongitude\tname\tnames\n"
    "iso3166:NLD\tcountry\tNLD\t\t1000000\t52.1\t5.2\tNetherlands\tit:Paesi Bassi\n"
    "geonames-admin1:NL.11\tregion\tNLD\t\t500000\t52.0\t4.4\tSouth Holland\tit:Olanda Meridionale\n"
    "geonames:1\tcity\tNLD\tgeonames-admin1:NL.11\t474292\t52.07667\t4.29861\tThe Hague\tit:L'Aia|en:Den Haag\n"
    "geonames:2\tcity\tNLD\tgeonames-admin1:NL.11\t20000\t52.0\t4.5\tOrt\t\n"
    "geonames:3\tcity\tNLD\tgeonames-admin1:NL.11\t30000\t52.1\t4.6\tCentral\t\n";

TEST(PlacesGazetteer, ParsesTableAndResources) {
  const char resources[] =
      "# comment\n"
      "article  L'\n"
      "name     Aja            geonames:1     The Hague\n"
      "drop     Den Haag       geonames:1     The Hague\n"
      "stopname  Central\n"
      "place    cronaca:x    area  -  -  0  10.5  -20.25  Somewhere\n"
      "name     Da Qualche Parte   cronaca:x  Somewhere\n";
  Result<std::unique_ptr<Gazetteer>> parsed = Gazetteer::Parse(kTinyData, "tiny.tsv", resources, "tiny.txt");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const Gazetteer& g = **parsed;
  ASSERT_EQ(g.places().size(), 6u);
  const uint32_t hague = g.FindPlace("geonames:1");
  ASSERT_NE(hague, places::kNoPlace);
  EXPECT_EQ(g.place(hague).region, g.FindPlace("geonames-admin1:NL.11"));
  EXPECT_EQ(g.place(hague).kind, PlaceKind::kCity);
  EXPECT_DOUBLE_EQ(g.place(hague).latitude, 52.07667);

  NameMatch aia = g.Find("l aia");
  ASSERT_EQ(aia.entries.size(), 1u);
  EXPECT_EQ(aia.entries[0].place, hague);
  EXPECT_EQ(aia.entries[0].source, places::NameSource::kItalian);
  EXPECT_EQ(g.Display(aia.entries[0]), "L'Aia");
  EXPECT_EQ(aia.entries[0].capital_mask, 0b11u);
  // The article dropped: "dell'Aia".
  NameMatch no_article = g.Find("aia");
  ASSERT_EQ(no_article.entries.size(), 1u);
  EXPECT_EQ(no_article.entries[0].source, places::NameSource::kArticleDropped);
  EXPECT_EQ(no_article.entries[0].capital_mask, 1u);
  // "l" is a prefix of "l aia"; "the" of "the hague".
  EXPECT_TRUE(g.Find("l").has_longer);
  EXPECT_TRUE(g.Find("l").entries.empty());
  EXPECT_TRUE(g.Find("the").has_longer);
  EXPECT_FALSE(g.Find("hague").has_longer);
  // A curated name, a dropped one, a stop name, an added place.
  NameMatch aja = g.Find("aja");
  ASSERT_EQ(aja.entries.size(), 1u);
  EXPECT_TRUE(aja.entries[0].curated);
  EXPECT_EQ(aja.entries[0].line, 3u);
  EXPECT_FALSE(g.Find("den haag").known());
  EXPECT_FALSE(g.Find("central").known());
  EXPECT_EQ(g.Find("ort").entries.size(), 1u);
  NameMatch somewhere = g.Find("da qualche parte");
  ASSERT_EQ(somewhere.entries.size(), 1u);
  const places::Place& added = g.place(somewhere.entries[0].place);
  EXPECT_EQ(added.kind, PlaceKind::kArea);
  EXPECT_EQ(added.country, "");
  EXPECT_DOUBLE_EQ(added.longitude, -20.25);
}

TEST(PlacesGazetteer, ErrorsNameFileAndLine) {
  struct Case {
    const char* resources;
    const char* expected;  // substring of the message
  };
  const Case cases[] = {
      {"name  Kiev  geonames:999  Kyiv\n", "res.txt:1: unknown place id 'geonames:999'"},
      {"# ok\nname  Aja  geonames:1  Den Haag\n", "res.txt:2: place geonames:1 is called 'The Hague'"},
      {"name Aja geonames:1 The Hague\n", "res.txt:1: unknown directive"},
      {"name  Aja  geonames:1\n", "res.txt:1: name needs 3 columns"},
      {"place  cronaca:y  town  -  -  0  1  2  Y\n", "res.txt:1: unknown kind 'town'"},
      {"place  cronaca:y  city  -  -  0  91  2  Y\n", "res.txt:1: bad coordinates"},
      {"place  geonames:9  city  -  -  0  1  2  Y\n", "res.txt:1: ids of added places start with 'cronaca:'"},
      {"place  cronaca:y  city  it  -  0  1  2  Y\n", "res.txt:1: country must be an ISO 3166-1 alpha-3 code"},
      {"place  cronaca:y  city  ITA  -  many  1  2  Y\n", "res.txt:1: bad population"},
      {"place  cronaca:y  city  ITA  nowhere  0  1  2  Y\n", "res.txt:1: unknown region id"},
      {"place  geonames:1  city  NLD  -  0  1  2  Y\n", "ids of added places"},
      {"place  cronaca:y  city  NLD  -  0  1  2  Y\nplace  cronaca:y  city  NLD  -  0  1  2  Y\n",
       "res.txt:2: duplicate place id cronaca:y"},
      {"article  Il Lo\n", "res.txt:1: an article is one word"},
  };
  for (const Case& c : cases) {
    Result<std::unique_ptr<Gazetteer>> parsed = Gazetteer::Parse(kTinyData, "tiny.tsv", c.resources, "res.txt");
    ASSERT_FALSE(parsed.ok()) << c.resources;
    EXPECT_EQ(parsed.status().code(), StatusCode::kResourceError);
    EXPECT_NE(parsed.status().message().find(c.expected), std::string::npos)
        << c.resources << " gave: " << parsed.status().message();
  }
  // The generated table is checked too.
  Result<std::unique_ptr<Gazetteer>> bad = Gazetteer::Parse("# cronaca-places 2\n", "t.tsv", "", "r.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("t.tsv:1: expected the header"), std::string::npos);
  bad = Gazetteer::Parse("# cronaca-places 1\ngeonames:1\tcity\tNLD\n", "t.tsv", "", "r.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("t.tsv:2: expected 9 tab-separated columns"), std::string::npos);
  bad = Gazetteer::Parse("# cronaca-places 1\ngeonames:1\tcity\tNLD\tgeonames-admin1:X.1\t1\t1\t1\tA\t\n", "t.tsv",
                         "", "r.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown region geonames-admin1:X.1"), std::string::npos);
}

TEST(PlacesGazetteer, LanguageRulesFormat) {
  Result<PlaceLanguageRules> rules =
      ParsePlaceLanguageRules("# c\nlocative = a ad In\nlocative = da\nhome_country = ITA\n", "p.txt");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->locatives, (std::vector<std::string>{"a", "ad", "da", "in"}));
  EXPECT_EQ(rules->home_country, "ITA");
  Result<PlaceLanguageRules> bad = ParsePlaceLanguageRules("locative = a\nhome_country = Italia\n", "p.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("p.txt:2: home_country must be"), std::string::npos);
  bad = ParsePlaceLanguageRules("near = in\n", "p.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("p.txt:1: unknown key 'near'"), std::string::npos);
  bad = ParsePlaceLanguageRules("locative = dell'\n", "p.txt");
  ASSERT_TRUE(bad.ok());  // folds to one word, "dell"
}

// The shipped files: the generated table and resources/places/gazetteer.txt.
TEST(PlacesGazetteer, DefaultLoadsAtLeastTenThousandCitiesWithCoordinates) {
  Result<std::shared_ptr<const Gazetteer>> g = Gazetteer::Default();
  ASSERT_TRUE(g.ok()) << g.status().ToString() << " (run scripts/setup)";
  size_t cities = 0, countries = 0, regions = 0;
  for (const places::Place& place : (*g)->places()) {
    if (place.kind == PlaceKind::kCity) {
      EXPECT_TRUE(place.latitude != 0 || place.longitude != 0) << place.id;
      EXPECT_EQ(place.country.size(), 3u) << place.id;
      if (place.population > 0) ++cities;  // a dozen source rows have no population
    }
    if (place.kind == PlaceKind::kCountry) ++countries;
    if (place.kind == PlaceKind::kRegion) ++regions;
  }
  EXPECT_GE(cities, 10000u);
  EXPECT_GE(countries, 200u);
  EXPECT_GE(regions, 1000u);
  // Every canonical name of at least 3 letters finds its place (a check of
  // the hash index against the table it was built from), except spellings
  // that the resource file turns off.
  const Gazetteer& gazetteer = **g;
  const std::set<std::string> stopped = {"north", "south",   "east",    "west",    "northern", "southern",
                                         "eastern", "western", "central", "centre",  "capital",  "islands",
                                         "nord",  "sud",     "est",     "ouest",   "march"};
  size_t checked = 0;
  for (uint32_t index = 0; index < gazetteer.places().size(); ++index) {
    const std::string key = Fold(gazetteer.place(index).name);
    if (key.size() < 3 || stopped.count(key)) continue;
    NameMatch match = gazetteer.Find(key);
    EXPECT_TRUE(std::any_of(match.entries.begin(), match.entries.end(),
                            [&](const places::NameEntry& e) { return e.place == index; }))
        << gazetteer.place(index).id << " '" << key << "'";
    ++checked;
  }
  EXPECT_GE(checked, 20000u);
  // Every resources/<lang>/places.txt parses.
  PipelineContext context;
  Result<std::unique_ptr<Stage>> stage = MakePlaces(&context);
  EXPECT_TRUE(stage.ok()) << stage.status().ToString();
}

// ---------------------------------------------------------------------------
// The stage, end to end

struct Found {
  std::string text;      // surface in the original
  std::string name;      // canonical name
  std::string country;
  std::string kind;
  std::string rule;
  std::string correction;
  double latitude = 0, longitude = 0;
};

class PlacesStageTest : public ::testing::Test {
 protected:
  static std::vector<Found> Analyze(const std::string& text, const std::string& lang, bool morphology = true) {
    AnalyzerOptions options;
    options.stages = {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1"};
    if (morphology) options.stages.push_back("cronaca.Morphology.v1");
    options.stages.push_back("cronaca.Places.v1");
    Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(options);
    EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    if (!analyzer.ok()) return {};
    Metadata meta;
    meta.lang_hint = lang;
    Result<Document> doc = MakeDocument("test", text, "test", &meta);
    EXPECT_TRUE(doc.ok());
    Status status = (*analyzer)->Analyze(*doc);
    EXPECT_TRUE(status.ok()) << status.ToString();
    std::vector<Found> found;
    Offset previous = 0;
    for (const PlaceMention& p : doc->extractions().places) {
      EXPECT_GE(p.span.begin, previous) << "places are in text order";
      previous = p.span.begin;
      EXPECT_LE(p.span.end, doc->original().size());
      found.push_back({std::string(doc->Text(p.span)), p.name, p.country, p.kind, p.rule, p.correction,
                       p.latitude, p.longitude});
    }
    return found;
  }

  static std::string Summary(const std::vector<Found>& found) {
    std::string out;
    for (const Found& f : found) out += "[" + f.text + "=" + f.name + "/" + f.country + "]";
    return out;
  }

  static const Found* FindText(const std::vector<Found>& found, const std::string& text) {
    for (const Found& f : found) {
      if (f.text == text) return &f;
    }
    return nullptr;
  }
};

TEST_F(PlacesStageTest, ItalianExonyms) {
  std::vector<Found> found = Analyze(
      "Il ministro è partito da Varsavia per Pechino, poi ha fatto tappa a Monaco di Baviera, al Cairo e all'Aia. "
      "In serata è arrivato a Ginevra, mentre la delegazione restava a Copenaghen e a Nuova Delhi. "
      "Il convoglio è partito da Leopoli verso Charkiv, passando per Kiev e Odessa, e ha raggiunto Gerusalemme.",
      "it");
  struct Expect {
    const char* text;
    const char* name;
    const char* country;
  };
  const Expect expected[] = {
      {"Varsavia", "Warsaw", "POL"},     {"Pechino", "Beijing", "CHN"},      {"Monaco di Baviera", "Munich", "DEU"},
      {"Cairo", "Cairo", "EGY"},         {"Aia", "The Hague", "NLD"},        {"Ginevra", "Geneva", "CHE"},
      {"Copenaghen", "Copenhagen", "DNK"}, {"Nuova Delhi", "New Delhi", "IND"}, {"Leopoli", "Lviv", "UKR"},
      {"Charkiv", "Kharkiv", "UKR"},     {"Kiev", "Kyiv", "UKR"},            {"Odessa", "Odessa", "UKR"},
      {"Gerusalemme", "Jerusalem", "ISR"},
  };
  for (const Expect& e : expected) {
    const Found* f = FindText(found, e.text);
    ASSERT_NE(f, nullptr) << e.text << " not found in " << Summary(found);
    EXPECT_EQ(f->name, e.name) << e.text;
    EXPECT_EQ(f->country, e.country) << e.text;
    EXPECT_EQ(f->kind, "city") << e.text;
  }
  EXPECT_EQ(found.size(), std::size(expected)) << Summary(found);
}

TEST_F(PlacesStageTest, EnglishNamesCountriesAndRegions) {
  std::vector<Found> found = Analyze(
      "The envoys flew from Kyiv to The Hague, then on to Munich and Anchorage, Alaska. "
      "Officials in Denmark said the talks would move to Aarhus; Ukraine and the United States agreed.",
      "en");
  EXPECT_EQ(Summary(found),
            "[Kyiv=Kyiv/UKR][The Hague=The Hague/NLD][Munich=Munich/DEU][Anchorage=Anchorage/USA]"
            "[Alaska=Alaska/USA][Denmark=Denmark/DNK][Aarhus=Aarhus/DNK][Ukraine=Ukraine/UKR]"
            "[United States=United States/USA]");
  const Found* alaska = FindText(found, "Alaska");
  ASSERT_NE(alaska, nullptr);
  EXPECT_EQ(alaska->kind, "region");
  EXPECT_EQ(FindText(found, "Denmark")->kind, "country");
}

TEST_F(PlacesStageTest, CoordinatesAndRules) {
  std::vector<Found> found = Analyze("The ministers met again in Aarhus on Tuesday, officials said.", "en");
  ASSERT_EQ(found.size(), 1u) << Summary(found);
  EXPECT_NEAR(found[0].latitude, 56.16, 0.05);
  EXPECT_NEAR(found[0].longitude, 10.21, 0.05);
  EXPECT_EQ(found[0].rule, "places.name.canonical");
  found = Analyze("Le truppe si sono ritirate da Kiev dopo settimane di combattimenti, ha detto il portavoce.", "it");
  ASSERT_EQ(found.size(), 1u) << Summary(found);
  EXPECT_EQ(found[0].rule.rfind("places.name.resource:", 0), 0u) << found[0].rule;
  EXPECT_NEAR(found[0].latitude, 50.45, 0.05);
}

TEST_F(PlacesStageTest, AmbiguityResolvedByTheDocumentsPlaces) {
  // Alone, the most populous Paris and Odessa.
  std::vector<Found> found = Analyze("The foreign ministers will meet in Paris and later in Odessa next week.", "en");
  EXPECT_EQ(Summary(found), "[Paris=Paris/FRA][Odessa=Odessa/UKR]");
  // With Texas named, both are the Texan towns.
  found = Analyze("The rally moved from Paris to Odessa, two small towns in Texas where the governor spoke.", "en");
  EXPECT_EQ(Summary(found), "[Paris=Paris/USA][Odessa=Odessa/USA][Texas=Texas/USA]");
  // France named: Paris stays in France.
  found = Analyze("France hosted the summit in Paris, where the leaders met for two days.", "en");
  EXPECT_EQ(Summary(found), "[France=France/FRA][Paris=Paris/FRA]");
  // Only the United States named: a big foreign city still beats a small namesake.
  found = Analyze("United States and Swiss diplomats met in Geneva to discuss the ceasefire in detail.", "en");
  const Found* geneva = FindText(found, "Geneva");
  ASSERT_NE(geneva, nullptr) << Summary(found);
  EXPECT_EQ(geneva->country, "CHE");
}

TEST_F(PlacesStageTest, NoPlacesInCommonWords) {
  // Lower case never matches; a capitalised common word opening a sentence
  // or in a headline does not either.
  const char* texts[] = {
      "Nice to see so many people here, she said, and the reading of the split decision was a nice surprise.",
      "Reading the report, the minister said the mobile units would split into two groups.",
      "Mobile Phones Split Opinion Among Reading Clubs In Bath",
      "Split votes are common, and the mobile phone market grew in the bath products sector.",
  };
  for (const char* text : texts) {
    std::vector<Found> found = Analyze(text, "en");
    EXPECT_TRUE(found.empty()) << text << " gave " << Summary(found);
  }
  std::vector<Found> found =
      Analyze("Il premier ha detto che il Paese ha bisogno di riforme e ha citato la Corona britannica.", "it");
  EXPECT_TRUE(found.empty()) << Summary(found);
  // But after a locative they are places.
  found = Analyze("The first match was played in Reading and the second one was played in Split.", "en");
  EXPECT_EQ(Summary(found), "[Reading=Reading/GBR][Split=Split/HRV]");
}

TEST_F(PlacesStageTest, PersonNamesAreNotPlaces) {
  std::vector<Found> found =
      Analyze("The actress Florence Pugh met Paris Hilton and George Washington's biographer in the lobby.", "en");
  EXPECT_TRUE(found.empty()) << Summary(found);
  found = Analyze("La delegazione era guidata da Vladimir Medinsky, consigliere del presidente russo.", "it");
  EXPECT_TRUE(found.empty()) << Summary(found);
}

TEST_F(PlacesStageTest, TypoCorrectedWhereSafe) {
  std::vector<Found> found =
      Analyze("Il presidente ucraino è arrivato ad Aahrus, in Danimarca, per il vertice europeo sulla difesa.", "it");
  const Found* aarhus = FindText(found, "Aahrus");
  ASSERT_NE(aarhus, nullptr) << Summary(found);
  EXPECT_EQ(aarhus->name, "Aarhus");
  EXPECT_EQ(aarhus->country, "DNK");
  EXPECT_EQ(aarhus->correction, "Aahrus → Aarhus");
  EXPECT_EQ(aarhus->rule.rfind("places.typo.", 0), 0u) << aarhus->rule;
  EXPECT_NEAR(aarhus->latitude, 56.16, 0.05);
  // A transposition in a big city after a locative.
  found = Analyze("Le due delegazioni si sono incontrate venerdì a Istabnul per un lungo colloquio.", "it");
  const Found* istanbul = FindText(found, "Istabnul");
  ASSERT_NE(istanbul, nullptr) << Summary(found);
  EXPECT_EQ(istanbul->name, "Istanbul");
  EXPECT_EQ(istanbul->correction, "Istabnul → Istanbul");
  EXPECT_EQ(istanbul->rule, "places.typo.population");
  // One name of two cities (Birmingham, England and Alabama): the usual
  // choice, the bigger one.
  found = Analyze("The prime minister spoke in Birmnigham on Friday about the new rail line.", "en");
  const Found* birmingham = FindText(found, "Birmnigham");
  ASSERT_NE(birmingham, nullptr) << Summary(found);
  EXPECT_EQ(birmingham->country, "GBR");
  // Followed by ", <country>" instead of a locative.
  found = Analyze("The summit venue, Aahrus, Denmark, was chosen by the Danish presidency last year.", "en");
  ASSERT_NE(FindText(found, "Aahrus"), nullptr) << Summary(found);
}

TEST_F(PlacesStageTest, TypoNotCorrectedWhereUnsafe) {
  const char* texts[] = {
      // A person's name one edit from a city: after a given name...
      "Il giornalista Marco Milanu ha intervistato il ministro a lungo, senza risposte.",
      // ... or as a surname used alone after a given name elsewhere.
      "Ne ha parlato Anna Berlinn. Il documento è stato consegnato a Berlinn ieri mattina.",
      // No locative and no country after it.
      "Secondo Aahrus il piano è pronto, ma servono ancora settimane di lavoro.",
      // Lower case, too short, or followed by a capitalised word.
      "Sono arrivati ad aahrus ieri sera, poi a Rma e infine a Istabnul Centrale.",
      // Two names of two different cities one edit away (Aachen, Acheng).
      "The delegates arrived in Achen late on Monday evening after a long flight.",
  };
  for (const char* text : texts) {
    std::vector<Found> found = Analyze(text, std::string(text).find("The ") == 0 ? "en" : "it");
    for (const Found& f : found) EXPECT_TRUE(f.correction.empty()) << text << " gave " << Summary(found);
  }
}

TEST_F(PlacesStageTest, WithoutMorphologyNothingIsCorrected) {
  std::vector<Found> found = Analyze(
      "Le due delegazioni si sono incontrate venerdì a Istabnul e poi sono ripartite per Mosca.", "it",
      /*morphology=*/false);
  EXPECT_EQ(Summary(found), "[Mosca=Moscow/RUS]");
}

// The actors stage's mentions, as it would leave them, change the places.
TEST(PlacesWithActors, NamesHidePlacesDescriptionsDoNotCodesAreEvidence) {
  PipelineContext context;
  Pipeline pipeline(&context);
  ASSERT_TRUE(pipeline.Add(MakeNormalizer()).ok());
  ASSERT_TRUE(pipeline
                  .Add(MakeLanguageIdentifier(
                      LanguageIdentifier::Load(DefaultLanguageModelPath(), SupportedLanguages())))
                  .ok());
  Result<std::unique_ptr<Stage>> segmenter = MakeSegmenter();
  ASSERT_TRUE(segmenter.ok());
  ASSERT_TRUE(pipeline.Add(std::move(*segmenter)).ok());
  Result<std::unique_ptr<Stage>> morphology = MakeMorphology(&context);
  ASSERT_TRUE(morphology.ok());
  ASSERT_TRUE(pipeline.Add(std::move(*morphology)).ok());
  Result<std::unique_ptr<Stage>> places = MakePlaces(&context);
  ASSERT_TRUE(places.ok()) << places.status().ToString();

  const std::string text =
      "Ieri il Milan ha battuto la Lazio. Il capo della delegazione di Kiev ha parlato a Valencia dopo "
      "l'alluvione, ha riferito il ministro.";
  Metadata meta;
  meta.lang_hint = "it";
  Result<Document> doc = MakeDocument("actors", text, "actors", &meta);
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE(pipeline.Process(*doc).ok());
  auto span_of = [&](const std::string& surface) {
    Offset begin = static_cast<Offset>(text.find(surface));
    return Span{begin, static_cast<Offset>(begin + surface.size())};
  };
  auto places_found = [&]() {
    std::string out;
    for (const PlaceMention& p : doc->extractions().places) out += "[" + std::string(doc->Text(p.span)) + "/" + p.country + "]";
    return out;
  };
  // Without actors: the football clubs are a city and a region, Valencia the
  // biggest one.
  ASSERT_TRUE((*places)->Process(*doc).ok());
  EXPECT_EQ(places_found(), "[Milan/ITA][Lazio/ITA][Kiev/UKR][Valencia/VEN]");

  Mention club;  // an organisation's name
  club.span = span_of("Milan");
  club.type = MentionType::kOrganisation;
  club.resolution = Resolution::kDirect;
  Mention other_club = club;
  other_club.span = span_of("Lazio");
  Mention title;  // a description that contains a place
  title.span = span_of("capo della delegazione di Kiev");
  title.type = MentionType::kPerson;
  title.resolution = Resolution::kTitle;
  title.code = "UKRGOV";
  Mention minister;  // its code says Spain
  minister.span = span_of("ministro");
  minister.type = MentionType::kAgent;
  minister.code = "ESPGOV";
  doc->extractions().mentions = {club, other_club, title, minister};
  ASSERT_TRUE((*places)->Process(*doc).ok());
  EXPECT_EQ(places_found(), "[Kiev/UKR][Valencia/ESP]");
}

TEST_F(PlacesStageTest, RandomTextKeepsSpansValid) {
  // Capitalised fragments of place names, accents, apostrophes and noise:
  // whatever matches, every span must lie on the original text.
  const std::vector<std::string> pieces = {"Monaco", "di", "Baviera", "L'", "Aia", "dell'", "Kyïv", "Aahrus",
                                           "Istabnul", "São", "Paulo", "-", ",", "in", "a", "Nice", "ÅRHUS",
                                           "ð", "Rio", "de", "Janeiro", "’", "New", "York",
                                           "Texas", "Paris", ".", "\n\n"};
  AnalyzerOptions options;
  options.stages = {"cronaca.Normalizer.v1", "cronaca.LanguageId.v1", "cronaca.Segmenter.v1",
                    "cronaca.Morphology.v1", "cronaca.Places.v1"};
  Result<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create(options);
  ASSERT_TRUE(analyzer.ok());
  std::mt19937 rng(11);
  for (int round = 0; round < 50; ++round) {
    std::string text;
    for (int i = 0; i < 60; ++i) {
      text += pieces[rng() % pieces.size()];
      if (rng() % 3) text += ' ';
    }
    Result<Document> doc = MakeDocument("random", text, "random");
    if (!doc.ok()) continue;
    ASSERT_TRUE((*analyzer)->Analyze(*doc).ok());
    for (const PlaceMention& p : doc->extractions().places) {
      ASSERT_LT(p.span.begin, p.span.end);
      ASSERT_LE(p.span.end, doc->original().size());
      EXPECT_FALSE(p.place.empty());
      EXPECT_FALSE(p.name.empty());
    }
  }
}

TEST_F(PlacesStageTest, EmptyAndPunctuationOnlyDocuments) {
  EXPECT_TRUE(Analyze("...", "it").empty());
  EXPECT_TRUE(Analyze("- ' -", "en").empty());
}

}  // namespace
}  // namespace cronaca
