// Throughput of cronaca.Times.v1 alone, on one core.
//
//   build/bench/cronaca_bench --benchmark_filter=Time
//
// The text is a handful of news-like paragraphs written for this benchmark,
// in Italian and English, dense in time expressions (about one in two
// sentences has one) with ordinary sentences between them. Documents are
// normalised and segmented once, outside the timed loop; the loop runs only
// the time stage (matching the rules indexed under each token, resolving
// values), so the counters are sentences and tokens per second of that
// stage, per language (rates use CPU time). The
// grammar-loading benchmark measures what MakeTimeTagger costs at startup.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "common/pipeline.h"
#include "extract/time/time_grammar.h"
#include "extract/time/time_tagger.h"
#include "common/resources.h"
#include "ingest/reader.h"
#include "text/normalizer.h"
#include "text/segmenter.h"

namespace cronaca {
namespace {

struct BenchText {
  const char* lang;
  const char* date;
  const char* text;
};

constexpr BenchText kTexts[] = {
    {"it", "2025-07-04",
     "Il ministro degli Esteri ha incontrato ieri a Roma il suo omologo francese per circa due ore. "
     "I due governi si erano già visti a metà giugno, dopo la crisi esplosa a maggio. "
     "La prossima riunione è fissata per martedì 8 luglio a Bruxelles. "
     "Secondo la nota della Farnesina, il colloquio è stato cordiale e costruttivo. "
     "Le sanzioni, in vigore dal marzo 2022, saranno rinnovate entro la fine dell'anno. "
     "Il portavoce ha precisato che nessuna decisione è stata presa sulle forniture militari."},
    {"it", "2025-07",
     "Il presidente ha parlato giovedì al telefono con il leader russo, la sesta telefonata dall'inizio del "
     "mandato. La conversazione è durata poco più di un'ora. Putin ha ricordato l'invasione decisa a "
     "febbraio del 2022 e la guerra dei 12 giorni del mese scorso. Zelensky spera di parlare con Washington "
     "già venerdì. Oltre 1.000 prigionieri sono stati scambiati nel 2024, ha detto un funzionario."},
    {"en", "2025-07-04",
     "The foreign minister met his French counterpart in Rome on Thursday for about two hours. "
     "The two governments last met in mid-June, after the crisis that erupted in May. "
     "The next meeting is scheduled for Tuesday, July 8, in Brussels. "
     "According to the ministry, the talks were cordial and constructive. "
     "The sanctions, in force since March 2022, will be renewed by the end of the year. "
     "A spokesman said no decision had been taken on a 30-day pause in arms deliveries."},
    {"en", "2025-07-04",
     "Police said a 20-year-old man was arrested two days ago after a 12-day manhunt. "
     "He had been released from prison in early 2023 and was last seen at the weekend. "
     "More than 2,000 officers took part in the search, which ended late on Wednesday. "
     "The trial is expected to open next month and could last three weeks."},
};

// Stands in for LanguageId: the benchmark text says its language.
class FixedLanguage final : public Stage {
 public:
  std::string_view name() const override { return "bench.FixedLanguage"; }
  LayerSet requires_layers() const override { return kLayerParagraphs; }
  LayerSet assigns_layers() const override { return kLayerLanguage; }
  Status Process(Document& doc) override {
    for (Paragraph& p : doc.paragraphs()) {
      p.lang = doc.metadata().lang_hint;
      p.lang_confidence = 1.0f;
    }
    doc.set_lang(doc.metadata().lang_hint, 1.0f);
    return Status::Ok();
  }
};

// The benchmark documents in `lang`, normalised and segmented.
std::vector<Document> PrepareDocuments(const std::string& lang, size_t* sentences, size_t* tokens) {
  PipelineContext context;
  Pipeline pipeline(&context);
  (void)pipeline.Add(MakeNormalizer());
  (void)pipeline.Add(std::make_unique<FixedLanguage>());
  auto segmenter = MakeSegmenter();
  if (segmenter.ok()) (void)pipeline.Add(std::move(*segmenter));
  std::vector<Document> docs;
  *sentences = 0;
  *tokens = 0;
  for (const BenchText& t : kTexts) {
    if (lang != t.lang) continue;
    Metadata meta;
    meta.lang_hint = t.lang;
    meta.has_date = true;
    meta.date = *PartialDate::Parse(t.date);
    auto doc = MakeDocument("bench", t.text, "bench", &meta);
    if (!doc.ok() || !pipeline.Process(*doc).ok()) continue;
    *sentences += doc->sentences().size();
    *tokens += doc->tokens().size();
    docs.push_back(std::move(*doc));
  }
  return docs;
}

void BM_TimeTagger(benchmark::State& state, const std::string& lang) {
  size_t sentences = 0;
  size_t tokens = 0;
  std::vector<Document> docs = PrepareDocuments(lang, &sentences, &tokens);
  auto stage = MakeTimeTagger();
  if (!stage.ok() || docs.empty()) {
    state.SkipWithError("cannot build the time stage or the documents");
    return;
  }
  size_t times = 0;
  for (auto _ : state) {
    for (Document& doc : docs) {
      (void)(*stage)->Process(doc);
      times += doc.extractions().times.size();
    }
  }
  benchmark::DoNotOptimize(times);
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(sentences * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(tokens * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["times/doc"] = static_cast<double>(times) / static_cast<double>(state.iterations() * docs.size());
}
BENCHMARK_CAPTURE(BM_TimeTagger, it, std::string("it"));
BENCHMARK_CAPTURE(BM_TimeTagger, en, std::string("en"));

void BM_TimeGrammarLoad(benchmark::State& state) {
  auto path = FindResource("it", "time.txt");
  if (!path.ok()) {
    state.SkipWithError("resources/it/time.txt not found");
    return;
  }
  for (auto _ : state) {
    auto grammar = timex::TimeGrammar::Load(*path);
    benchmark::DoNotOptimize(grammar);
  }
}
BENCHMARK(BM_TimeGrammarLoad);

}  // namespace
}  // namespace cronaca
