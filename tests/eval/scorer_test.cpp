#include "eval/scorer.h"

#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace cronaca::eval {
namespace {

using nlohmann::json;

// Parses one JSON object per non-empty line.
std::vector<json> Jsonl(std::string_view text) {
  std::vector<json> docs;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      docs.push_back(json::parse(line));
    }
    start = end + 1;
  }
  return docs;
}

// A document with only events.
json EventsDoc(const std::string& id, json events) {
  return json{{"id", id}, {"lang", "it"}, {"events", std::move(events)}};
}

json Ev(const char* source, json target, const char* code) {
  return json{{"source", source}, {"target", std::move(target)}, {"code", code}};
}

json QuotesDoc(const std::string& id, json quotes) {
  return json{{"id", id}, {"lang", "it"}, {"quotes", std::move(quotes)}};
}

json Qt(const char* quote, const char* speaker, const char* code) {
  return json{{"quote", quote}, {"speaker", speaker}, {"speaker_code", code}};
}

json TimesDoc(const std::string& id, json times) {
  return json{{"id", id}, {"lang", "it"}, {"times", std::move(times)}};
}

json Tm(const char* text, json value) { return json{{"text", text}, {"value", std::move(value)}}; }

// Written for these tests: two invented snippets in the gold shape.
constexpr std::string_view kGold = R"jsonl(
{"id": "t-1", "lang": "it", "date": "2025-02-14", "text": "(invented) Il ministro degli Esteri francese ha incontrato ieri a Roma il collega italiano. «Lavoriamo insieme per la stabilità», ha dichiarato il ministro. Il governo di Parigi ha poi criticato Mosca. La visita è durata tre ore.", "events": [{"source": "FRAGOV", "target": "ITAGOV", "code": "042", "plover": "CONSULT", "trigger": "ha incontrato", "date": "2025-02-13"}, {"source": "FRAGOV", "target": "RUSGOV", "code": "111", "plover": "DISAPPROVE", "trigger": "ha criticato", "date": null}], "quotes": [{"quote": "Lavoriamo insieme per la stabilità", "speaker": "Jean Dupont", "speaker_code": "FRAGOV"}], "times": [{"text": "ieri", "value": "2025-02-13"}, {"text": "tre ore", "value": "PT3H"}]}
{"id": "t-2", "lang": "en", "date": "2025-06-02", "text": "(invented) Rebels claimed the attack on Sunday. The army spokesman said: \"We will respond.\"", "events": [{"source": "XYZREB", "target": null, "code": "015", "plover": "ACCEPT", "trigger": "claimed", "date": "2025-06-01"}], "quotes": [{"quote": "We will respond.", "speaker": "army spokesman", "speaker_code": "XYZMIL"}], "times": [{"text": "Sunday", "value": "2025-06-01"}]}
)jsonl";

// ---------------------------------------------------------------------------

TEST(ScorerPrfTest, ZeroDenominatorsGiveZero) {
  PRF prf;
  EXPECT_EQ(prf.Precision(), 0.0);
  EXPECT_EQ(prf.Recall(), 0.0);
  EXPECT_EQ(prf.F1(), 0.0);
  prf.n_gold = 3;  // nothing predicted, nothing found
  EXPECT_EQ(prf.Precision(), 0.0);
  EXPECT_EQ(prf.Recall(), 0.0);
  EXPECT_EQ(prf.F1(), 0.0);
}

TEST(ScorerPrfTest, Formulas) {
  PRF prf{.tp = 2, .n_pred = 4, .n_gold = 3};
  EXPECT_DOUBLE_EQ(prf.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(prf.Recall(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(prf.F1(), 2 * 0.5 * (2.0 / 3.0) / (0.5 + 2.0 / 3.0));
  PRF sum = prf;
  sum += PRF{.tp = 1, .n_pred = 1, .n_gold = 2};
  EXPECT_EQ(sum.tp, 3u);
  EXPECT_EQ(sum.n_pred, 5u);
  EXPECT_EQ(sum.n_gold, 5u);
}

TEST(ScorerPerfectTest, GoldAgainstItselfScoresOne) {
  const std::vector<json> gold = Jsonl(kGold);
  const EvalReport report = Score(gold, gold);
  EXPECT_EQ(report.n_docs, 2u);
  EXPECT_EQ(report.n_docs_missing, 0u);
  EXPECT_EQ(report.n_pred_extra, 0u);
  for (const PRF* prf : {&report.events_root, &report.events_full, &report.quotes,
                         &report.times}) {
    EXPECT_DOUBLE_EQ(prf->Precision(), 1.0);
    EXPECT_DOUBLE_EQ(prf->Recall(), 1.0);
    EXPECT_DOUBLE_EQ(prf->F1(), 1.0);
  }
  EXPECT_EQ(report.events_root.tp, 3u);
  EXPECT_EQ(report.quotes.tp, 2u);
  EXPECT_EQ(report.times.tp, 3u);
  EXPECT_DOUBLE_EQ(report.SpeakerAccuracy(), 1.0);
  EXPECT_DOUBLE_EQ(report.ValueAccuracy(), 1.0);
}

TEST(ScorerPerfectTest, EmptyPredictionsScoreZero) {
  const std::vector<json> gold = Jsonl(kGold);
  const std::vector<json> predicted = {json{{"id", "t-1"}}, json{{"id", "t-2"}}};
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.n_docs_missing, 0u);
  EXPECT_EQ(report.events_root.n_gold, 3u);
  EXPECT_EQ(report.events_root.n_pred, 0u);
  EXPECT_EQ(report.events_root.F1(), 0.0);
  EXPECT_EQ(report.SpeakerAccuracy(), 0.0);
  EXPECT_EQ(report.ValueAccuracy(), 0.0);
}

// ---------------------------------------------------------------------------
// Events.

TEST(ScorerEventsTest, RootLevelComparesCountryAndCameoRoot) {
  const json gold = Ev("RUSGOV", "USAGOV", "041");
  EXPECT_TRUE(EventsMatch(gold, Ev("RUSMIL", "USA", "043"), false));
  EXPECT_FALSE(EventsMatch(gold, Ev("RUSMIL", "USA", "043"), true));
  EXPECT_TRUE(EventsMatch(gold, Ev("RUSGOV", "USAGOV", "041"), true));
  EXPECT_FALSE(EventsMatch(gold, Ev("RUSGOV", "USAGOV", "051"), false));  // other root
  EXPECT_FALSE(EventsMatch(gold, Ev("RUSGOV", "UKRGOV", "041"), false));  // other target
  EXPECT_FALSE(EventsMatch(gold, Ev("UKRGOV", "USAGOV", "041"), false));  // other source
  // Two-digit root codes and four-digit codes share the root.
  EXPECT_TRUE(EventsMatch(Ev("ISRMIL", "PSE", "19"), Ev("ISR", "PSE", "190"), false));
  EXPECT_TRUE(EventsMatch(Ev("RUSGOV", "UKR", "0356"), Ev("RUSGOV", "UKR", "036"), false));
  EXPECT_FALSE(EventsMatch(Ev("RUSGOV", "UKR", "0356"), Ev("RUSGOV", "UKR", "036"), true));
  // Organisation codes: first three characters.
  EXPECT_TRUE(EventsMatch(Ev("NATO", "RUS", "111"), Ev("NATO", "RUSGOV", "112"), false));
}

TEST(ScorerEventsTest, ActorCodesIgnoreCaseAndSpaces) {
  EXPECT_TRUE(EventsMatch(Ev("RUSGOV", "USAGOV", "041"), Ev(" rusgov", "usagov ", " 041"), true));
}

TEST(ScorerEventsTest, SwappedActorsCountForConsult) {
  const json gold = Ev("USAGOV", "RUSGOV", "041");
  EXPECT_TRUE(EventsMatch(gold, Ev("RUSGOV", "USAGOV", "042"), false));
  EXPECT_TRUE(EventsMatch(gold, Ev("RUSGOV", "USAGOV", "041"), true));
  EXPECT_FALSE(EventsMatch(gold, Ev("RUSGOV", "USAGOV", "042"), true));  // full code differs
  EXPECT_TRUE(EventsMatch(gold, Ev("RUSMIL", "USA", "040"), false));
  EXPECT_FALSE(EventsMatch(gold, Ev("RUSMIL", "USA", "041"), true));  // full actors differ
}

TEST(ScorerEventsTest, SwappedActorsCountForFormalAgreementOnly) {
  const json gold = Ev("UKRGOV", "USAGOV", "057");
  EXPECT_TRUE(EventsMatch(gold, Ev("USAGOV", "UKRGOV", "057"), false));
  EXPECT_TRUE(EventsMatch(gold, Ev("USAGOV", "UKRGOV", "057"), true));
  // Same root 05, but only one of the two is 057: no reciprocity.
  EXPECT_FALSE(EventsMatch(gold, Ev("USAGOV", "UKRGOV", "051"), false));
  EXPECT_TRUE(EventsMatch(gold, Ev("UKRGOV", "USAGOV", "051"), false));
  EXPECT_FALSE(EventsMatch(Ev("UKRGOV", "USAGOV", "051"), Ev("USAGOV", "UKRGOV", "057"), false));
}

TEST(ScorerEventsTest, SwappedActorsDoNotCountForAccuse) {
  const json gold = Ev("USAGOV", "UKRGOV", "112");
  EXPECT_FALSE(EventsMatch(gold, Ev("UKRGOV", "USAGOV", "112"), false));
  EXPECT_FALSE(EventsMatch(gold, Ev("UKRGOV", "USAGOV", "112"), true));
  const EvalReport report = Score({EventsDoc("d", {gold})},
                                  {EventsDoc("d", {Ev("UKRGOV", "USAGOV", "112")})});
  EXPECT_EQ(report.events_root.tp, 0u);
  EXPECT_EQ(report.events_root.n_pred, 1u);
  EXPECT_EQ(report.events_root.n_gold, 1u);
}

TEST(ScorerEventsTest, NullTargetMatchesOnlyNull) {
  json missing_target = {{"source", "XYZREB"}, {"code", "015"}};
  const json null_target = Ev("XYZREB", nullptr, "015");
  const json empty_target = Ev("XYZREB", "", "015");
  EXPECT_TRUE(EventsMatch(null_target, missing_target, true));
  EXPECT_TRUE(EventsMatch(missing_target, null_target, true));
  EXPECT_TRUE(EventsMatch(null_target, empty_target, true));
  EXPECT_FALSE(EventsMatch(null_target, Ev("XYZREB", "XYZGOV", "015"), false));
  EXPECT_FALSE(EventsMatch(Ev("XYZREB", "XYZGOV", "015"), null_target, false));
  // A null target does not make a consult reciprocal with a null source.
  EXPECT_FALSE(EventsMatch(Ev("RUSGOV", nullptr, "040"), Ev("RUSGOV", "USAGOV", "040"), false));
}

TEST(ScorerEventsTest, BadCodesNeverMatch) {
  json numeric = {{"source", "RUSGOV"}, {"target", "USAGOV"}, {"code", 41}};
  EXPECT_FALSE(EventsMatch(numeric, numeric, false));
  EXPECT_FALSE(EventsMatch(Ev("RUSGOV", "USAGOV", ""), Ev("RUSGOV", "USAGOV", ""), false));
}

TEST(ScorerEventsTest, GoldMatchesOnlyOnceEvenIfPredictedTwice) {
  const std::vector<json> gold = {EventsDoc("d", {Ev("RUSGOV", "UKRGOV", "190")})};
  const std::vector<json> predicted = {EventsDoc(
      "d", {Ev("RUSGOV", "UKRGOV", "190"), Ev("RUSMIL", "UKR", "193")})};
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.events_root.tp, 1u);
  EXPECT_EQ(report.events_root.n_pred, 2u);
  EXPECT_DOUBLE_EQ(report.events_root.Precision(), 0.5);
  EXPECT_DOUBLE_EQ(report.events_root.Recall(), 1.0);
  EXPECT_EQ(report.events_full.tp, 1u);
}

TEST(ScorerEventsTest, OnePredictionMatchesOnlyOnceEvenIfGoldTwice) {
  const std::vector<json> gold = {
      EventsDoc("d", {Ev("FRAGOV", "RUSGOV", "111"), Ev("FRAGOV", "RUSGOV", "112")})};
  const std::vector<json> predicted = {EventsDoc("d", {Ev("FRAGOV", "RUSGOV", "112")})};
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.events_root.tp, 1u);
  EXPECT_DOUBLE_EQ(report.events_root.Precision(), 1.0);
  EXPECT_DOUBLE_EQ(report.events_root.Recall(), 0.5);
}

// Gold A: USA->UKR 057, gold B: UKR->USA 051.
// Prediction P: UKR->USA 057 matches A (reciprocal 057) and B (direct, root 05).
// Prediction Q: USA->UKR 057 matches only A.
// A greedy pass taking P first would pair P with A and leave Q unmatched (1 of
// 2); the maximum matching pairs P-B and Q-A (2 of 2), whatever the order.
TEST(ScorerEventsTest, MaximumMatchingDoesNotDependOnOrder) {
  const json a = Ev("USAGOV", "UKRGOV", "057");
  const json b = Ev("UKRGOV", "USAGOV", "051");
  const json p = Ev("UKRGOV", "USAGOV", "057");
  const json q = Ev("USAGOV", "UKRGOV", "057");
  ASSERT_TRUE(EventsMatch(a, p, false));
  ASSERT_TRUE(EventsMatch(b, p, false));
  ASSERT_TRUE(EventsMatch(a, q, false));
  ASSERT_FALSE(EventsMatch(b, q, false));
  for (const json& gold_events : {json{a, b}, json{b, a}}) {
    for (const json& predicted_events : {json{p, q}, json{q, p}}) {
      const EvalReport report =
          Score({EventsDoc("d", gold_events)}, {EventsDoc("d", predicted_events)});
      EXPECT_EQ(report.events_root.tp, 2u) << gold_events << " vs " << predicted_events;
      // At the full level only the two 057 events can pair (P-A or Q-A).
      EXPECT_EQ(report.events_full.tp, 1u);
    }
  }
}

TEST(ScorerEventsTest, FullLevelIsStricterThanRootLevel) {
  const std::vector<json> gold = {EventsDoc(
      "d", {Ev("RUSGOV", "USAGOV", "041"), Ev("ISRMIL", "PSE", "190"), Ev("CHN", nullptr, "010")})};
  const std::vector<json> predicted = {EventsDoc(
      "d", {Ev("USAGOV", "RUSGOV", "041"),   // full match (reciprocal)
            Ev("ISR", "PSEREB", "193"),      // root match only
            Ev("CHNGOV", "USA", "010")})};   // no match: target should be null
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.events_root.tp, 2u);
  EXPECT_EQ(report.events_full.tp, 1u);
  EXPECT_EQ(report.events_full.n_gold, 3u);
  EXPECT_EQ(report.events_full.n_pred, 3u);
}

// ---------------------------------------------------------------------------
// Quotes.

TEST(ScorerQuotesTest, NormalizationFoldsQuotesCaseSpacesAndAccents) {
  EXPECT_EQ(NormalizeQuote("«Siamo  PRONTI»."), "siamo pronti");
  EXPECT_EQ(NormalizeQuote(" “Non è finita” "), "non e finita");
  EXPECT_EQ(NormalizeQuote("\"We will respond!\""), "we will respond");
  EXPECT_EQ(NormalizeQuote("l’ultima  parola…"), "l'ultima parola");
  EXPECT_EQ(NormalizeQuote("d'azzardo\u00A0con"), "d'azzardo con");
  // Precomposed and decomposed accents agree.
  EXPECT_EQ(NormalizeQuote("perch\u00E9"), NormalizeQuote("perche\u0301"));
  EXPECT_EQ(NormalizeQuote("Vu\u010Di\u0107"), "vucic");
  EXPECT_DOUBLE_EQ(QuoteOverlap("«Siamo pronti»", "\"siamo   pronti.\""), 1.0);
}

TEST(ScorerQuotesTest, OverlapIsLongestCommonSubstringOverLongerText) {
  // "siamo pronti a tutto" has 20 characters.
  EXPECT_DOUBLE_EQ(QuoteOverlap("siamo pronti a tutto", "siamo pronti a tutto ora"), 20.0 / 24);
  EXPECT_DOUBLE_EQ(QuoteOverlap("siamo pronti a tutto", "pronti a tutto"), 14.0 / 20);
  // Code points, not bytes: each Cyrillic letter counts once (bytes: 4/7).
  EXPECT_DOUBLE_EQ(QuoteOverlap("да ok", "да"), 2.0 / 5);
  EXPECT_DOUBLE_EQ(QuoteOverlap("Мир", "мир"), 1.0);
  // Accents are folded before comparing.
  EXPECT_DOUBLE_EQ(QuoteOverlap("è qui", "e qui"), 1.0);
  EXPECT_DOUBLE_EQ(QuoteOverlap("", ""), 0.0);
  EXPECT_DOUBLE_EQ(QuoteOverlap("abc", "xyz"), 0.0);
}

TEST(ScorerQuotesTest, ThresholdJustAboveAndBelowEightyPercent) {
  // The gold quotation has 20 characters.
  const std::vector<json> gold = {QuotesDoc("d", {Qt("siamo pronti a tutto", "A", "")})};
  auto tp_for = [&](const char* predicted_quote) {
    return Score(gold, {QuotesDoc("d", {Qt(predicted_quote, "A", "")})}).quotes.tp;
  };
  // Predictions running on past the gold text.
  EXPECT_EQ(tp_for("siamo pronti a tutto ora"), 1u);    // 20/24 = 0.833
  EXPECT_EQ(tp_for("siamo pronti a tutto oggi"), 1u);   // 20/25 = 0.800 exactly
  EXPECT_EQ(tp_for("siamo pronti a tutto, oggi"), 0u);  // 20/26 = 0.769
  // Fragments of the gold text.
  EXPECT_EQ(tp_for("siamo pronti a tu"), 1u);           // 17/20 = 0.85
  EXPECT_EQ(tp_for("siamo pronti a t"), 1u);            // 16/20 = 0.80
  EXPECT_EQ(tp_for("iamo pronti a t"), 0u);             // 15/20 = 0.75
  EXPECT_EQ(tp_for("«siamo pronti a »"), 0u);           // trimmed to 14/20 = 0.70
  EXPECT_DOUBLE_EQ(QuoteOverlap("siamo pronti a tutto", "iamo pronti a t"), 0.75);
}

TEST(ScorerQuotesTest, ThresholdIsAnOption) {
  const std::vector<json> gold = {QuotesDoc("d", {Qt("siamo pronti a tutto", "A", "")})};
  const std::vector<json> predicted = {QuotesDoc("d", {Qt("pronti a tutto", "A", "")})};
  ScoreOptions options;
  options.quote_min_overlap = 0.7;
  EXPECT_EQ(Score(gold, predicted, options).quotes.tp, 1u);
  options.quote_min_overlap = 0.71;
  EXPECT_EQ(Score(gold, predicted, options).quotes.tp, 0u);
}

// Gold G1 "abcde", G2 "abcdefg"; prediction P1 "abcdef" overlaps both
// (5/6, 6/7), P2 "zabcde" only G1 (5/6; 5/7 with G2). Greedy P1-G1 would
// leave P2 unmatched.
TEST(ScorerQuotesTest, MaximumMatchingDoesNotDependOnOrder) {
  const json g1 = Qt("abcde", "A", "");
  const json g2 = Qt("abcdefg", "B", "");
  const json p1 = Qt("abcdef", "B", "");
  const json p2 = Qt("zabcde", "A", "");
  for (const json& gold_quotes : {json{g1, g2}, json{g2, g1}}) {
    for (const json& predicted_quotes : {json{p1, p2}, json{p2, p1}}) {
      const EvalReport report =
          Score({QuotesDoc("d", gold_quotes)}, {QuotesDoc("d", predicted_quotes)});
      EXPECT_EQ(report.quotes.tp, 2u);
      EXPECT_EQ(report.quotes_speaker_ok, 2u);
    }
  }
}

TEST(ScorerQuotesTest, SpeakerAccuracy) {
  const std::vector<json> gold = {QuotesDoc(
      "d", {Qt("la pace è vicina", "Vladimir Putin", "RUSGOV"),
            Qt("non cederemo un metro", "Volodymyr Zelenski", "UKRGOV"),
            Qt("il dialogo resta aperto", "Dmitry Peskov", "RUSGOV")})};
  const std::vector<json> predicted = {QuotesDoc(
      "d", {Qt("La pace è vicina.", "Putin", "RUSGOV"),
            Qt("«Non cederemo un metro»", "Zelenskyy", "UKRGOV"),
            Qt("il dialogo resta aperto", "Sergei Lavrov", "RUSGOV"),
            Qt("frase inventata", "Nessuno", "")})};
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.quotes.tp, 3u);
  EXPECT_EQ(report.quotes.n_pred, 4u);
  EXPECT_EQ(report.quotes_speaker_ok, 2u);
  EXPECT_DOUBLE_EQ(report.SpeakerAccuracy(), 2.0 / 3.0);
}

// Two identical quotations by different speakers: the pairing that gets the
// speakers right is chosen, whatever the order.
TEST(ScorerQuotesTest, SpeakerAccuracyDoesNotDependOnOrder) {
  const json g1 = Qt("basta", "Emmanuel Macron", "FRAGOV");
  const json g2 = Qt("basta", "Olaf Scholz", "DEUGOV");
  const json p1 = Qt("Basta!", "Scholz", "DEUGOV");
  const json p2 = Qt("basta", "Macron", "FRAGOV");
  for (const json& predicted_quotes : {json{p1, p2}, json{p2, p1}}) {
    const EvalReport report =
        Score({QuotesDoc("d", {g1, g2})}, {QuotesDoc("d", predicted_quotes)});
    EXPECT_EQ(report.quotes.tp, 2u);
    EXPECT_EQ(report.quotes_speaker_ok, 2u);
  }
}

// The matching against brute force: random short quotations over a two-letter
// alphabet (mostly 'a') give dense, irregular overlap graphs; the best one-to-one pairing
// (most pairs, then most correct speakers) is found by trying every pairing.
void BestPairing(const std::vector<std::vector<int>>& edge, size_t i, std::vector<bool>* used,
                 size_t pairs, size_t bonus, std::pair<size_t, size_t>* best) {
  if (i == edge.size()) {
    *best = std::max(*best, std::make_pair(pairs, bonus));
    return;
  }
  BestPairing(edge, i + 1, used, pairs, bonus, best);  // gold i unmatched
  for (size_t j = 0; j < used->size(); ++j) {
    if ((*used)[j] || edge[i][j] < 0) continue;
    (*used)[j] = true;
    BestPairing(edge, i + 1, used, pairs + 1, bonus + edge[i][j], best);
    (*used)[j] = false;
  }
}

TEST(ScorerMatchingTest, AgreesWithBruteForceOnRandomGraphs) {
  std::mt19937 rng(12345);
  const char* speakers[] = {"Anna Rossi", "Marco Bianchi"};
  auto random_quote = [&] {
    std::string text;
    const size_t length = 4 + rng() % 3;
    for (size_t k = 0; k < length; ++k) text.push_back(rng() % 4 != 0 ? 'a' : 'b');
    return text;
  };
  size_t greedy_falls_short = 0;
  for (int round = 0; round < 400; ++round) {
    const size_t n_gold = 1 + rng() % 5;
    const size_t n_predicted = 1 + rng() % 5;
    json gold_quotes = json::array();
    json predicted_quotes = json::array();
    for (size_t i = 0; i < n_gold; ++i) {
      gold_quotes.push_back(Qt(random_quote().c_str(), speakers[rng() % 2], ""));
    }
    for (size_t j = 0; j < n_predicted; ++j) {
      predicted_quotes.push_back(Qt(random_quote().c_str(), speakers[rng() % 2], ""));
    }
    std::vector<std::vector<int>> edge(n_gold, std::vector<int>(n_predicted, -1));
    for (size_t i = 0; i < n_gold; ++i) {
      for (size_t j = 0; j < n_predicted; ++j) {
        const json& g = gold_quotes[i];
        const json& p = predicted_quotes[j];
        if (QuoteOverlap(g["quote"].get<std::string>(), p["quote"].get<std::string>()) < 0.8) {
          continue;
        }
        edge[i][j] = g["speaker"] == p["speaker"] ? 1 : 0;
      }
    }
    std::vector<bool> used(n_predicted, false);
    std::pair<size_t, size_t> best{0, 0};
    BestPairing(edge, 0, &used, 0, 0, &best);
    // A first-come greedy pairing, to count the rounds where it falls short.
    std::pair<size_t, size_t> greedy{0, 0};
    std::vector<bool> gold_used(n_gold, false);
    for (size_t j = 0; j < n_predicted; ++j) {
      for (size_t i = 0; i < n_gold; ++i) {
        if (gold_used[i] || edge[i][j] < 0) continue;
        gold_used[i] = true;
        ++greedy.first;
        greedy.second += edge[i][j];
        break;
      }
    }
    if (greedy < best) ++greedy_falls_short;
    const EvalReport report =
        Score({QuotesDoc("d", gold_quotes)}, {QuotesDoc("d", predicted_quotes)});
    ASSERT_EQ(report.quotes.tp, best.first) << gold_quotes << " vs " << predicted_quotes;
    ASSERT_EQ(report.quotes_speaker_ok, best.second) << gold_quotes << " vs " << predicted_quotes;
  }
  EXPECT_GT(greedy_falls_short, 20u);  // the random graphs do exercise the difference
}

// ---------------------------------------------------------------------------
// Speakers.

TEST(ScorerSpeakerTest, ContainedNames) {
  EXPECT_TRUE(SameSpeaker("Vladimir Putin", "RUSGOV", "Putin", "RUSGOV"));
  EXPECT_TRUE(SameSpeaker("Putin", "", "Vladimir Putin", ""));
  EXPECT_TRUE(SameSpeaker("White House official", "", "White House", ""));
  EXPECT_TRUE(SameSpeaker("Luis de la Fuente", "", "de la Fuente", ""));
}

TEST(ScorerSpeakerTest, CaseAndAccentsIgnored) {
  EXPECT_TRUE(SameSpeaker("Viktor Orbán", "HUNGOV", "viktor orban", ""));
  EXPECT_TRUE(SameSpeaker("Aleksandar Vučić", "", "Vucic", ""));
  EXPECT_TRUE(SameSpeaker("ANTÓNIO GUTERRES", "", "António Guterres", ""));
}

TEST(ScorerSpeakerTest, SpellingVariantsWithinEditDistanceTwo) {
  EXPECT_TRUE(SameSpeaker("Volodymyr Zelenski", "UKRGOV", "Zelenskyy", "UKRGOV"));
  EXPECT_TRUE(SameSpeaker("Zelensky", "", "Volodymyr Zelenskyy", ""));
  EXPECT_TRUE(SameSpeaker("Dmitri Peskov", "", "Dmitry Peskov", ""));
  // Edit distance 3, and short tokens must be identical.
  EXPECT_FALSE(SameSpeaker("Boris Johnson", "", "Jackson", ""));
  EXPECT_FALSE(SameSpeaker("Lula", "", "Lola", ""));
}

TEST(ScorerSpeakerTest, DifferentPeopleOfOneGovernmentDiffer) {
  EXPECT_FALSE(SameSpeaker("Dmitry Peskov", "RUSGOV", "Sergei Lavrov", "RUSGOV"));
  EXPECT_FALSE(SameSpeaker("Donald Trump", "USAGOV", "Joe Biden", "USAGOV"));
}

TEST(ScorerSpeakerTest, SharedTitlesAreNotContent) {
  EXPECT_FALSE(SameSpeaker("ministro degli Esteri turco", "TURGOV",
                           "ministero degli Esteri israeliano", "ISRGOV"));
  EXPECT_FALSE(SameSpeaker("foreign ministry spokesperson", "CHNGOV",
                           "defence ministry spokesperson", "TWNGOV"));
}

TEST(ScorerSpeakerTest, BodyAndSameCodeMatch) {
  EXPECT_TRUE(SameSpeaker("Cremlino", "RUSGOV", "Dmitry Peskov", "RUSGOV"));
  EXPECT_TRUE(SameSpeaker("Dmitry Peskov", "rusgov ", "Cremlino", "RUSGOV"));
  EXPECT_TRUE(SameSpeaker("World Health Organization", "WHO", "Tedros Ghebreyesus", "WHO"));
  EXPECT_TRUE(SameSpeaker("Palazzo Chigi", "ITAGOV", "Giorgia Meloni", "ITAGOV"));
  // A body, but different or missing codes.
  EXPECT_FALSE(SameSpeaker("Cremlino", "RUSGOV", "Dmitry Peskov", "UKRGOV"));
  EXPECT_FALSE(SameSpeaker("Cremlino", "", "Dmitry Peskov", ""));
}

TEST(ScorerSpeakerTest, EmptyNamesNeverMatch) {
  EXPECT_FALSE(SameSpeaker("", "RUSGOV", "", "RUSGOV"));
  EXPECT_FALSE(SameSpeaker("Cremlino", "RUSGOV", "", "RUSGOV"));
  EXPECT_FALSE(SameSpeaker("", "", "Putin", ""));
}

TEST(ScorerSpeakerTest, BodyNames) {
  EXPECT_TRUE(IsBodyName("Cremlino"));
  EXPECT_TRUE(IsBodyName("Nato"));
  EXPECT_TRUE(IsBodyName("NATO"));
  EXPECT_TRUE(IsBodyName("Polish prosecutors"));
  EXPECT_TRUE(IsBodyName("capo del Pentagono"));
  EXPECT_TRUE(IsBodyName("Palazzo Chigi"));
  EXPECT_TRUE(IsBodyName("World Health Organization"));
  EXPECT_TRUE(IsBodyName("Alta rappresentante Ue"));
  EXPECT_TRUE(IsBodyName("un funzionario dell'amministrazione"));
  EXPECT_FALSE(IsBodyName("Vladimir Putin"));
  EXPECT_FALSE(IsBodyName("Pope Francis"));
  EXPECT_FALSE(IsBodyName("Luis de la Fuente"));
  EXPECT_FALSE(IsBodyName("Ursula von der Leyen"));
  EXPECT_FALSE(IsBodyName("Lai Ching-te"));
  EXPECT_FALSE(IsBodyName("Élisabeth Borne"));
}

TEST(ScorerSpeakerTest, StopWordsAreAnOption) {
  ScoreOptions options;
  options.speaker_stop_words.clear();
  EXPECT_TRUE(SameSpeaker("ministro degli Esteri turco", "TURGOV",
                          "ministero degli Esteri israeliano", "ISRGOV", options));
}

// ---------------------------------------------------------------------------
// Times.

TEST(ScorerTimesTest, NormalizationStripsCaseSpacesAndLeadingArticles) {
  EXPECT_EQ(NormalizeTimeText("il mese scorso"), "mese scorso");
  EXPECT_EQ(NormalizeTimeText("Il  mese scorso,"), "mese scorso");
  EXPECT_EQ(NormalizeTimeText("La settimana scorsa"), "settimana scorsa");
  EXPECT_EQ(NormalizeTimeText("l'anno scorso"), "anno scorso");
  EXPECT_EQ(NormalizeTimeText("L’anno scorso"), "anno scorso");
  EXPECT_EQ(NormalizeTimeText("un'ora"), "ora");
  EXPECT_EQ(NormalizeTimeText("the Thursday"), "thursday");
  EXPECT_EQ(NormalizeTimeText("The weekend."), "weekend");
  EXPECT_EQ(NormalizeTimeText("an hour and a half"), "hour and a half");
  EXPECT_EQ(NormalizeTimeText("(ieri)"), "ieri");
  // Only whole leading words: "lunedì" does not lose "lu", "anno" keeps "an".
  EXPECT_EQ(NormalizeTimeText("lunedì"), "lunedi");
  EXPECT_EQ(NormalizeTimeText("annual"), "annual");
  EXPECT_EQ(NormalizeTimeText("ieri all'alba"), "ieri all'alba");
  // A lone article stays (nothing would be left).
  EXPECT_EQ(NormalizeTimeText("the"), "the");
}

TEST(ScorerTimesTest, SpansMatchIgnoringCaseAndArticles) {
  const std::vector<json> gold = {TimesDoc(
      "d", {Tm("il mese scorso", "2025-01"), Tm("Thursday", "2025-02-13"),
            Tm("ieri all'alba", "2025-02-13")})};
  const std::vector<json> predicted = {TimesDoc(
      "d", {Tm("Mese scorso", "2025-01"), Tm("the Thursday", "2025-02-14"),
            Tm("all'alba", "2025-02-13")})};
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.times.tp, 2u);
  EXPECT_EQ(report.times_value_ok, 1u);
  EXPECT_DOUBLE_EQ(report.ValueAccuracy(), 0.5);
  EXPECT_DOUBLE_EQ(report.times.Precision(), 2.0 / 3.0);
}

TEST(ScorerTimesTest, ValuesMustBeIdentical) {
  const std::vector<json> gold = {TimesDoc(
      "d", {Tm("la prossima settimana", "2025-W40"), Tm("2028", "2028"), Tm("tre ore", "PT3H"),
            Tm("oggi", "2025-02-14")})};
  const std::vector<json> predicted = {TimesDoc(
      "d", {Tm("prossima settimana", "2025-w40"),  // case of the value ignored
            Tm("2028", 2028),                      // number compared as its JSON text
            Tm("tre ore", "PT180M"),               // same duration, other value: wrong
            Tm("oggi", nullptr)})};                // missing value: wrong
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.times.tp, 4u);
  EXPECT_EQ(report.times_value_ok, 2u);
}

TEST(ScorerTimesTest, ValueAccuracyDoesNotDependOnOrder) {
  const json g1 = Tm("ieri", "2025-02-13");
  const json g2 = Tm("ieri", "2025-03-01");
  const json p1 = Tm("ieri", "2025-03-01");
  const json p2 = Tm("ieri", "2025-02-13");
  for (const json& predicted_times : {json{p1, p2}, json{p2, p1}}) {
    const EvalReport report = Score({TimesDoc("d", {g1, g2})}, {TimesDoc("d", predicted_times)});
    EXPECT_EQ(report.times.tp, 2u);
    EXPECT_EQ(report.times_value_ok, 2u);
  }
}

TEST(ScorerTimesTest, RepeatedExpressionMatchesOnce) {
  const std::vector<json> gold = {TimesDoc("d", {Tm("ieri", "2025-02-13")})};
  const std::vector<json> predicted = {
      TimesDoc("d", {Tm("ieri", "2025-02-13"), Tm("Ieri", "2025-02-13")})};
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.times.tp, 1u);
  EXPECT_EQ(report.times.n_pred, 2u);
  EXPECT_EQ(report.times_value_ok, 1u);
}

TEST(ScorerTimesTest, ArticlesAreAnOption) {
  ScoreOptions options;
  options.time_articles.push_back("nel");
  EXPECT_EQ(NormalizeTimeText("nel 2024", options), "2024");
  EXPECT_EQ(NormalizeTimeText("nel 2024"), "nel 2024");
  options.time_articles.clear();
  EXPECT_EQ(NormalizeTimeText("il mese scorso", options), "il mese scorso");
}

TEST(ScorerTimesTest, EmptyTextsNeverMatch) {
  const std::vector<json> gold = {TimesDoc("d", {Tm("", "2025")})};
  EXPECT_EQ(Score(gold, gold).times.tp, 0u);
}

// ---------------------------------------------------------------------------
// Documents.

TEST(ScorerDocumentsTest, MissingPredictionDocumentsCountAsNotFound) {
  const std::vector<json> gold = Jsonl(kGold);
  const std::vector<json> predicted = {gold[0]};
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.n_docs, 2u);
  EXPECT_EQ(report.n_docs_missing, 1u);
  EXPECT_EQ(report.events_root.tp, 2u);
  EXPECT_EQ(report.events_root.n_gold, 3u);
  EXPECT_DOUBLE_EQ(report.events_root.Precision(), 1.0);
  EXPECT_DOUBLE_EQ(report.events_root.Recall(), 2.0 / 3.0);
  EXPECT_EQ(report.quotes.n_gold, 2u);
  EXPECT_EQ(report.times.n_gold, 3u);
}

TEST(ScorerDocumentsTest, DocumentsArePairedById) {
  // Same events, but in documents with swapped ids: nothing matches.
  const std::vector<json> gold = {EventsDoc("a", {Ev("RUSGOV", "UKRGOV", "190")}),
                                  EventsDoc("b", {Ev("FRAGOV", "ITAGOV", "042")})};
  const std::vector<json> predicted = {EventsDoc("b", {Ev("RUSGOV", "UKRGOV", "190")}),
                                       EventsDoc("a", {Ev("FRAGOV", "ITAGOV", "042")})};
  EXPECT_EQ(Score(gold, predicted).events_root.tp, 0u);
  EXPECT_EQ(Score(gold, {predicted[1], predicted[0]}).events_root.tp, 0u);
}

TEST(ScorerDocumentsTest, ExtraAndRepeatedPredictionsAreIgnoredAndCounted) {
  const std::vector<json> gold = {EventsDoc("a", {Ev("RUSGOV", "UKRGOV", "190")})};
  const std::vector<json> predicted = {
      EventsDoc("a", {Ev("RUSGOV", "UKRGOV", "190")}),
      EventsDoc("a", {Ev("RUSGOV", "UKRGOV", "190"), Ev("X", "Y", "010")}),  // repeated id
      EventsDoc("zzz", {Ev("RUSGOV", "UKRGOV", "190")}),                     // not in gold
      json{{"events", json::array()}},                                        // no id
      json("not an object")};
  const EvalReport report = Score(gold, predicted);
  EXPECT_EQ(report.events_root.tp, 1u);
  EXPECT_EQ(report.events_root.n_pred, 1u);
  EXPECT_EQ(report.n_pred_extra, 4u);
}

TEST(ScorerDocumentsTest, NumericIdsAreCompared) {
  const std::vector<json> gold = {json{{"id", 7}, {"events", {Ev("A", "B", "010")}}}};
  const std::vector<json> predicted = {json{{"id", 7}, {"events", {Ev("A", "B", "010")}}}};
  EXPECT_EQ(Score(gold, predicted).events_full.tp, 1u);
  // A number id is compared through its JSON text: 7 == "7".
  EXPECT_EQ(Score(gold, {json{{"id", "7"}, {"events", {Ev("A", "B", "010")}}}}).n_docs_missing,
            0u);
  EXPECT_EQ(Score(gold, {json{{"id", "7.0"}, {"events", {Ev("A", "B", "010")}}}}).n_docs_missing,
            1u);
}

TEST(ScorerDocumentsTest, BadDataDoesNotThrow) {
  const std::vector<json> gold = {
      json{{"id", "a"},
           {"events", {Ev("RUSGOV", "UKRGOV", "190"), json(42), json(nullptr)}},
           {"quotes", "not a list"},
           {"times", {Tm("ieri", "2025-01-01"), json{{"value", "2025"}}}}},
      json(nullptr),                            // not a document
      json{{"lang", "it"}, {"events", {Ev("A", "B", "010")}}},  // no id
  };
  const std::vector<json> predicted = {
      json{{"id", "a"},
           {"events", json{{"source", 1}, {"code", json::array()}}},  // object, not list
           {"times", {json{{"text", 12}}, Tm("ieri", json::object())}}},
  };
  EvalReport report;
  ASSERT_NO_THROW(report = Score(gold, predicted));
  EXPECT_EQ(report.n_docs, 2u);
  EXPECT_EQ(report.n_docs_missing, 1u);
  EXPECT_EQ(report.events_root.n_gold, 2u);
  EXPECT_EQ(report.events_root.n_pred, 0u);
  EXPECT_EQ(report.quotes.n_gold, 0u);
  EXPECT_EQ(report.times.n_gold, 2u);
  EXPECT_EQ(report.times.n_pred, 2u);
  EXPECT_EQ(report.times.tp, 1u);
  EXPECT_EQ(report.times_value_ok, 0u);
  ASSERT_NO_THROW(ReportToJson(report).dump());
  ASSERT_NO_THROW(Score(predicted, gold));
}

TEST(ScorerDocumentsTest, InvalidUtf8DoesNotThrow) {
  const std::string bad = "ieri \xC3\x28 \xFF";
  EXPECT_NO_THROW(NormalizeQuote(bad));
  EXPECT_NO_THROW(NormalizeTimeText(bad));
  EXPECT_NO_THROW(SameSpeaker(bad, "", bad, ""));
  EXPECT_DOUBLE_EQ(QuoteOverlap(bad, bad), 1.0);
}

TEST(ScorerDocumentsTest, ScoreByLanguageSplitsByGoldLang) {
  const std::vector<json> gold = Jsonl(kGold);
  std::vector<json> predicted = gold;
  predicted[1]["events"] = json::array();  // the English document loses its event
  const std::map<std::string, EvalReport> by_language = ScoreByLanguage(gold, predicted);
  ASSERT_EQ(by_language.size(), 2u);
  const EvalReport& it = by_language.at("it");
  const EvalReport& en = by_language.at("en");
  EXPECT_EQ(it.n_docs, 1u);
  EXPECT_EQ(it.events_root.tp, 2u);
  EXPECT_DOUBLE_EQ(it.events_root.F1(), 1.0);
  EXPECT_EQ(en.events_root.tp, 0u);
  EXPECT_EQ(en.events_root.n_gold, 1u);
  EvalReport sum;
  for (const auto& [lang, report] : by_language) sum += report;
  const EvalReport total = Score(gold, predicted);
  EXPECT_EQ(ReportToJson(sum), ReportToJson(total));
}

// The shared development files scored against themselves (read in place,
// never copied): every line must parse as a document and score 1.0.
TEST(ScorerDocumentsTest, SharedDevGoldAgainstItselfScoresOne) {
#ifndef CRONACA_SHARED_DIR
  GTEST_SKIP() << "CRONACA_SHARED_DIR not defined";
#else
  for (const char* name : {"it_dev.jsonl", "en_dev.jsonl"}) {
    std::ifstream in(std::string(CRONACA_SHARED_DIR) + "/eval/" + name);
    if (!in) GTEST_SKIP() << "no " << name;
    std::vector<json> gold;
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) gold.push_back(json::parse(line, nullptr, /*allow_exceptions=*/false));
    }
    ASSERT_FALSE(gold.empty());
    const EvalReport report = Score(gold, gold);
    EXPECT_EQ(report.n_docs, gold.size()) << name;
    EXPECT_GT(report.events_root.n_gold, 0u) << name;
    EXPECT_DOUBLE_EQ(report.events_full.F1(), 1.0) << name;
    EXPECT_DOUBLE_EQ(report.quotes.F1(), 1.0) << name;
    EXPECT_DOUBLE_EQ(report.times.F1(), 1.0) << name;
    EXPECT_DOUBLE_EQ(report.SpeakerAccuracy(), 1.0) << name;
    EXPECT_DOUBLE_EQ(report.ValueAccuracy(), 1.0) << name;
  }
#endif
}

// ---------------------------------------------------------------------------
// Reports.

EvalReport SampleReport() {
  EvalReport report;
  report.events_root = PRF{.tp = 2, .n_pred = 3, .n_gold = 4};
  report.events_full = PRF{.tp = 1, .n_pred = 3, .n_gold = 4};
  report.quotes = PRF{.tp = 4, .n_pred = 5, .n_gold = 8};
  report.quotes_speaker_ok = 3;
  report.times = PRF{.tp = 10, .n_pred = 10, .n_gold = 10};
  report.times_value_ok = 9;
  report.n_docs = 12;
  report.n_docs_missing = 1;
  return report;
}

TEST(ScorerReportTest, FormatReportContainsTheNumbers) {
  const std::string text = FormatReport(SampleReport(), "it_dev");
  EXPECT_NE(text.find("it_dev"), std::string::npos) << text;
  EXPECT_NE(text.find("documents: 12"), std::string::npos) << text;
  EXPECT_NE(text.find("without prediction: 1"), std::string::npos) << text;
  // events (root): P 0.667, R 0.500, F1 0.571.
  EXPECT_NE(text.find("events (root)"), std::string::npos) << text;
  EXPECT_NE(text.find("0.667"), std::string::npos) << text;
  EXPECT_NE(text.find("0.571"), std::string::npos) << text;
  // events (full): P 0.333, R 0.250, F1 0.286.
  EXPECT_NE(text.find("0.333"), std::string::npos) << text;
  EXPECT_NE(text.find("0.286"), std::string::npos) << text;
  // quotes: P 0.800, R 0.500, F1 0.615; speaker accuracy 3 of 4.
  EXPECT_NE(text.find("0.615"), std::string::npos) << text;
  EXPECT_NE(text.find("speaker accuracy: 0.750 (3 of 4"), std::string::npos) << text;
  EXPECT_NE(text.find("value accuracy:   0.900 (9 of 10"), std::string::npos) << text;
  EXPECT_NE(text.find("1.000"), std::string::npos) << text;
  EXPECT_EQ(text.find("not in gold"), std::string::npos) << text;
}

TEST(ScorerReportTest, FormatReportMentionsExtraPredictions) {
  EvalReport report = SampleReport();
  report.n_pred_extra = 5;
  const std::string text = FormatReport(report, "x");
  EXPECT_NE(text.find("predictions not in gold: 5"), std::string::npos) << text;
}

TEST(ScorerReportTest, ReportToJson) {
  const json j = ReportToJson(SampleReport());
  EXPECT_EQ(j["documents"], 12);
  EXPECT_EQ(j["documents_missing"], 1);
  EXPECT_EQ(j["predicted_documents_extra"], 0);
  EXPECT_EQ(j["events_root"]["tp"], 2);
  EXPECT_EQ(j["events_root"]["predicted"], 3);
  EXPECT_EQ(j["events_root"]["gold"], 4);
  EXPECT_DOUBLE_EQ(j["events_root"]["precision"].get<double>(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(j["events_root"]["recall"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["events_full"]["f1"].get<double>(), 2.0 / 7.0);
  EXPECT_EQ(j["quotes"]["speaker_ok"], 3);
  EXPECT_DOUBLE_EQ(j["quotes"]["speaker_accuracy"].get<double>(), 0.75);
  EXPECT_EQ(j["times"]["value_ok"], 9);
  EXPECT_DOUBLE_EQ(j["times"]["value_accuracy"].get<double>(), 0.9);
}

}  // namespace
}  // namespace cronaca::eval
