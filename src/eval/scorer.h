// Scoring extracted events, quotations and time expressions against gold.
//
// The gold format and the scoring rules are those of the evaluation format
// (FORMAT.md): one JSON object per document with "id", "lang", "events",
// "quotes" and "times". Predictions have the same shape, and documents are
// paired by "id". Predicted documents whose id is not in the gold are
// ignored (and counted in n_pred_extra); gold documents without a prediction
// count all their items as missed (and are counted in n_docs_missing).
//
//   std::vector<nlohmann::json> gold = ...;       // one object per JSONL line
//   std::vector<nlohmann::json> predicted = ...;
//   EvalReport report = Score(gold, predicted);
//   std::cout << FormatReport(report, "it_dev");
//
// How a score is computed
// -----------------------
// Inside each document, every gold item and every predicted item of one kind
// (events, quotes, times) form the two sides of a bipartite graph; an edge
// joins a gold and a predicted item that "match" by the rules below. The
// true positives are the pairs of a MAXIMUM one-to-one matching of that
// graph: each gold item matches at most once and so does each prediction.
// A greedy first-come pairing would make the score depend on the order of
// the predictions (a prediction could take a gold item that only it and one
// other prediction can match, leaving that other one unmatched); the maximum
// matching does not. Among the maximum matchings, the one with the most
// correct speakers (quotes) or values (times) is chosen, so the secondary
// accuracies do not depend on the order either. Then, summed over documents:
//   precision = tp / n_pred, recall = tp / n_gold, F1 = 2PR / (P + R),
// each 0 when its denominator is 0.
//
// Events (two levels, each with its own maximum matching):
//   - root level (events_root): source and target agree on their first three
//     characters (the country or organisation: "RUSGOV" ~ "RUSMIL",
//     "NATO" ~ "NATO") and the codes agree on their first two characters (the
//     CAMEO root: "041" ~ "043", "15" ~ "150").
//   - full level (events_full): source, target and code are identical.
//   - reciprocal rule, at both levels: if both events have root 04 (consult)
//     or both have the code 057 (sign a formal agreement), source and target
//     may also match the other way round (gold A->B matches predicted B->A).
//   - target null: a null, missing or empty target matches only a null,
//     missing or empty target (same for a source, though gold always has one).
//   - actor codes are compared after trimming and upper-casing; codes must
//     be JSON strings ("041"; a JSON number never matches, since 041 cannot
//     be told from 41); an empty code never matches.
//
// Quotes:
//   - both texts are normalised (NormalizeQuote): lower case, accents
//     removed (so NFC/NFD spelling and "perche"/"perché" agree), every quote
//     mark folded to ' or " (’‘‚‛′ -> ', “”„‟«»‹›″ -> "), dashes to '-',
//     '…' to "...", invisible characters (soft hyphen, zero-width space)
//     dropped, whitespace collapsed, and surrounding spaces, quote marks,
//     brackets and punctuation (. , ; : ! ? ¡ ¿ ( ) [ ]) trimmed.
//   - overlap (QuoteOverlap) = length of the longest common substring, in
//     code points, divided by the length of the LONGER text. Dividing by the
//     longer text penalises both a prediction that is a fragment of the gold
//     quote and one that runs on past it. Two empty texts have overlap 0.
//   - a match needs overlap >= ScoreOptions::quote_min_overlap (0.8).
//   - speaker accuracy = quotes_speaker_ok / quotes.tp, where a matched pair
//     counts as ok when SameSpeaker() holds (see its comment).
//
// Times:
//   - texts are normalised (NormalizeTimeText) like quotes (lower case,
//     accents removed, apostrophes folded, whitespace collapsed, surrounding
//     spaces, quote marks, brackets and punctuation trimmed), then leading
//     articles from ScoreOptions::time_articles removed, repeatedly ("il mese
//     scorso" == "mese scorso", "l'anno scorso" == "anno scorso", "The
//     weekend" == "weekend"). A match needs identical normalised, non-empty
//     texts: spans are strict otherwise ("ieri sera" is not "ieri").
//   - value accuracy = times_value_ok / times.tp, where a matched pair counts
//     as ok when the values are identical after trimming and upper-casing
//     ("2025-W40" == "2025-w40"; a JSON number value is compared through its
//     JSON text, so 2028 == "2028"; two null or missing values are identical).
//
// Bad data never throws: a missing or mistyped list counts as empty, list
// elements that are not objects are skipped, gold entries that are not
// objects are not documents, a number id is compared through its JSON text
// (7 == "7"), and a prediction id that occurs twice uses its first line (the
// others count in n_pred_extra). Text is UTF-8; invalid bytes read as U+FFFD.
//
// Cost: the matching is the Hungarian algorithm run on each connected
// component of a document's graph (O(n^3) in the worst case, O(n m) for a
// clique of equal items); quote overlap is an O(|a| |b|) dynamic programme,
// skipped when the length ratio alone rules a match out. The 200 shared dev
// snippets score in about 2 ms.
#pragma once

#include <cstddef>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cronaca::eval {

// Counts behind precision, recall and F1.
struct PRF {
  size_t tp = 0;      // matched pairs
  size_t n_pred = 0;  // predicted items
  size_t n_gold = 0;  // gold items

  double Precision() const;  // tp / n_pred, 0 if n_pred == 0
  double Recall() const;     // tp / n_gold, 0 if n_gold == 0
  double F1() const;         // 2PR / (P + R), 0 if P + R == 0

  PRF& operator+=(const PRF& other);
};

struct EvalReport {
  PRF events_root;  // actors' first 3 chars + CAMEO root; reciprocal for 04x and 057
  PRF events_full;  // full code + full actor codes; reciprocal rule still applies
  PRF quotes;       // >= 80% overlap (longest common substring / longer text)
  size_t quotes_speaker_ok = 0;  // speaker accuracy = quotes_speaker_ok / quotes.tp
  PRF times;                     // same text span ignoring case and leading articles
  size_t times_value_ok = 0;     // value accuracy = times_value_ok / times.tp
  size_t n_docs = 0;             // gold documents
  size_t n_docs_missing = 0;     // gold documents with no prediction line
  size_t n_pred_extra = 0;       // predicted lines not scored: id not in the gold,
                                 // no id, repeated id, not an object (always 0
                                 // in ScoreByLanguage)

  double SpeakerAccuracy() const;  // 0 if quotes.tp == 0
  double ValueAccuracy() const;    // 0 if times.tp == 0

  // Adds the counts of another report (e.g. to sum documents or languages).
  EvalReport& operator+=(const EvalReport& other);
};

// Leading words dropped from time expressions before they are compared.
// An entry ending in an apostrophe is an elided article glued to the next
// word ("l'anno"); the others must be followed by a space.
inline constexpr std::string_view kDefaultTimeArticles[] = {
    "il", "lo", "la", "i", "gli", "le", "l'", "un", "una", "uno", "un'",  // it
    "the", "a", "an",                                                    // en
};

// Words of four or more letters that never make two speaker names "share a
// content token": function words and the titles and offices that many
// different people share ("ministro degli Esteri turco" is not "ministero
// degli Esteri israeliano").
inline constexpr std::string_view kDefaultSpeakerStopWords[] = {
    // function words (it, en)
    "della", "delle", "dello", "degli", "dalla", "dalle", "dallo", "dagli", "nella", "nelle",
    "nello", "negli", "alla", "alle", "allo", "agli", "sulla", "sulle", "sullo", "sugli", "with",
    "from", "that", "this", "their",
    // titles, offices, roles
    "minister", "ministro", "ministra", "ministero", "ministry", "ministers", "ministri",
    "president", "presidente", "premier", "prime", "foreign", "esteri", "affairs", "affari",
    "interior", "interno", "interni", "defence", "defense", "difesa", "spokesperson",
    "spokesman", "spokeswoman", "portavoce", "official", "officials", "funzionario",
    "funzionari", "leader", "capo", "head", "chief", "secretary", "segretario", "segretaria",
    "general", "generale", "senior", "deputy", "vice", "office", "ufficio", "government",
    "governo", "state", "stato", "adviser", "advisor", "consigliere", "consigliera",
    "ambassador", "ambasciatore", "ambasciatrice", "department", "dipartimento", "source",
    "sources", "fonte", "fonti", "national", "nazionale", "security", "sicurezza", "high",
    "alto", "alta", "representative", "rappresentante",
};

// Words that mark a name as a body (an institution) rather than a person,
// even when it is written like a personal name ("Palazzo Chigi",
// "World Health Organization", "Casa Bianca").
inline constexpr std::string_view kDefaultBodyWords[] = {
    "ministry", "ministero", "organization", "organisation", "organizzazione", "commission",
    "commissione", "council", "consiglio", "house", "casa", "palazzo", "office", "ufficio",
    "department", "dipartimento", "government", "governo", "agency", "agenzia", "court",
    "corte", "tribunale", "parliament", "parlamento", "union", "unione", "nations", "nazioni",
    "army", "esercito", "police", "polizia", "embassy", "ambasciata", "kremlin", "cremlino",
    "pentagon", "pentagono", "farnesina", "procura", "prosecutors", "prosecutor", "forces",
    "forze", "party", "partito", "bank", "banca",
};

struct ScoreOptions {
  // Minimum QuoteOverlap for two quotations to match.
  double quote_min_overlap = 0.8;
  // Leading articles removed from time texts (lower case, apostrophe ').
  std::vector<std::string> time_articles{std::begin(kDefaultTimeArticles),
                                         std::end(kDefaultTimeArticles)};
  // See kDefaultSpeakerStopWords and kDefaultBodyWords (lower case, no accents).
  std::vector<std::string> speaker_stop_words{std::begin(kDefaultSpeakerStopWords),
                                              std::end(kDefaultSpeakerStopWords)};
  std::vector<std::string> body_words{std::begin(kDefaultBodyWords),
                                      std::end(kDefaultBodyWords)};
};

// Scores predictions against gold. Documents are matched by "id" (a string,
// or a number compared through its JSON text). Both are JSON objects in the
// FORMAT.md shape.
EvalReport Score(const std::vector<nlohmann::json>& gold,
                 const std::vector<nlohmann::json>& predicted,
                 const ScoreOptions& options = ScoreOptions());

// The same, separately for each gold "lang" (key; "" when missing). The
// reports of all languages add up to Score()'s, except n_pred_extra (0 here).
std::map<std::string, EvalReport> ScoreByLanguage(const std::vector<nlohmann::json>& gold,
                                                  const std::vector<nlohmann::json>& predicted,
                                                  const ScoreOptions& options = ScoreOptions());

// Human-readable table: precision, recall and F1 with 3 decimals, the counts
// (tp, predicted, gold), speaker and value accuracy, document counts.
std::string FormatReport(const EvalReport& report, const std::string& title);

// The report for machines:
//   {"documents": N, "documents_missing": N, "predicted_documents_extra": N,
//    "events_root": {"precision": P, "recall": R, "f1": F, "tp": N,
//                    "predicted": N, "gold": N},
//    "events_full": {...}, "quotes": {..., "speaker_ok": N, "speaker_accuracy": A},
//    "times": {..., "value_ok": N, "value_accuracy": A}}
nlohmann::json ReportToJson(const EvalReport& report);

// ---------------------------------------------------------------------------
// The building blocks, exposed for tests and for error analysis.

// Whether a gold and a predicted event (JSON objects) match at the root
// level (full == false) or the full level (full == true).
bool EventsMatch(const nlohmann::json& gold, const nlohmann::json& predicted, bool full);

// The normalised form of a quotation (see "Quotes" above).
std::string NormalizeQuote(std::string_view text);

// Longest common substring of the normalised texts, in code points, divided
// by the length of the longer normalised text; 0 if both are empty.
double QuoteOverlap(std::string_view a, std::string_view b);

// Whether two speakers name the same person or body. Names are compared
// lower-cased, without accents, as token sequences (tokens are runs of
// letters and digits). They are the same when any of these holds:
//   1. both names are non-empty and the tokens of one are a contiguous part
//      of the tokens of the other ("Putin" / "Vladimir Putin",
//      "White House" / "White House official");
//   2. they share a content token: a token of >= 4 letters that is not in
//      speaker_stop_words; two tokens of >= 6 letters are also the same when
//      their edit distance is <= 2 ("Zelenski" / "Zelenskyy");
//   3. both have the same non-empty speaker code (trimmed, upper case) and
//      at least one of the two names is a body (IsBodyName: "Cremlino" /
//      "Dmitry Peskov", both RUSGOV). Two different persons of one
//      government ("Dmitry Peskov" / "Sergei Lavrov") stay different.
// An empty name matches nothing.
bool SameSpeaker(std::string_view gold_name, std::string_view gold_code,
                 std::string_view predicted_name, std::string_view predicted_code,
                 const ScoreOptions& options = ScoreOptions());

// Whether a speaker name denotes a body rather than a person: it is a body
// unless it contains a capitalised personal name, i.e. two capitalised words
// in a row (lower-case particles such as "de", "la", "von", "der", "bin",
// "al" may stand between them: "Luis de la Fuente"), and it is always a body
// when one of its words is in body_words. So "Cremlino", "Nato", "Polish
// prosecutors", "capo del Pentagono", "Palazzo Chigi" are bodies and
// "Vladimir Putin", "Pope Francis" persons. Known limits: a lone surname
// ("Zelensky") counts as a body and a two-word place name ("New Delhi") as a
// person; rule 3 of SameSpeaker only applies with equal speaker codes.
bool IsBodyName(std::string_view name, const ScoreOptions& options = ScoreOptions());

// The normalised form of a time expression (see "Times" above).
std::string NormalizeTimeText(std::string_view text,
                              const ScoreOptions& options = ScoreOptions());

}  // namespace cronaca::eval
