// Throughput of cronaca.Events.v1 alone, on one core.
//
//   build/cronaca_bench --benchmark_filter=Events
//
// The text is news-like paragraphs written for this benchmark, in Italian
// and English, dense in events (most sentences have a trigger). Documents
// go through the whole pipeline once, outside the timed loop; the loop runs
// only the event coder, so the counters are sentences and tokens per second
// of that stage (rates use CPU time). The coder clears and recomputes its
// layer on each call, so repeated runs do the same work.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/analyzer.h"
#include "extract/events/events.h"
#include "ingest/reader.h"

namespace cronaca {
namespace {

struct BenchText {
  const char* lang;
  const char* text;
};

constexpr BenchText kEventTexts[] = {
    {"it",
     "La Francia ha condannato ieri l'attacco della Russia contro Kiev. Il Cremlino ha avuto una lunga "
     "telefonata con la Casa Bianca. La Germania e l'Italia hanno firmato un accordo sull'energia. I raid "
     "russi su Kiev sono proseguiti per tutta la notte. L'Iran è stato condannato dalla Francia per il lancio. "
     "La Russia si è detta pronta a negoziare con l'Ucraina. La Spagna non ha criticato il Marocco. "
     "Il Giappone ha invitato la Cina e la ha ricevuta a marzo. L'Unione europea ha imposto nuove sanzioni "
     "alla Russia. Il governo polacco ha espulso due diplomatici russi. Il tempo a Roma resta soleggiato."},
    {"en",
     "France and Germany condemned Iran over the missile launch. Canada imposed new sanctions on Iran on "
     "Monday. Russia's attacks on Kyiv intensified overnight. Iran was condemned by Canada for the launch. "
     "China said it was ready to negotiate with Japan. Poland did not criticize Hungary. The United States "
     "paused weapons deliveries to Ukraine last week. Turkey hosted talks between Russia and Ukraine. "
     "Israeli strikes on Gaza continued. The weather in London stayed mild."},
};

class EventsFixture {
 public:
  static EventsFixture& Get() {
    static EventsFixture fixture;
    return fixture;
  }
  Stage* stage() { return stage_; }
  std::vector<Document>& docs(const std::string& lang) { return docs_[lang == "it" ? 0 : 1]; }

 private:
  EventsFixture() {
    auto analyzer = Analyzer::Create(AnalyzerOptions{});
    if (!analyzer.ok()) return;
    analyzer_ = std::move(*analyzer);
    for (const auto& s : analyzer_->pipeline().stages()) {
      if (s->name() == "cronaca.Events.v1") stage_ = s.get();
    }
    for (const BenchText& t : kEventTexts) {
      Metadata meta;
      meta.lang_hint = t.lang;
      auto doc = MakeDocument(std::string("bench-") + t.lang, t.text, "bench", &meta);
      if (!doc.ok() || !analyzer_->Analyze(*doc).ok()) continue;
      docs(t.lang).push_back(std::move(*doc));
    }
  }
  std::unique_ptr<Analyzer> analyzer_;
  Stage* stage_ = nullptr;
  std::vector<Document> docs_[2];
};

void RunEvents(benchmark::State& state, const std::string& lang) {
  EventsFixture& f = EventsFixture::Get();
  std::vector<Document>& docs = f.docs(lang);
  if (!f.stage() || docs.empty()) {
    state.SkipWithError("pipeline or documents unavailable");
    return;
  }
  size_t sentences = 0, tokens = 0, events = 0;
  for (auto _ : state) {
    for (Document& doc : docs) {
      Status s = f.stage()->Process(doc);
      benchmark::DoNotOptimize(s);
      sentences += doc.sentences().size();
      tokens += doc.tokens().size();
      events += doc.extractions().events.size();
    }
  }
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["events/doc"] =
      benchmark::Counter(static_cast<double>(events) / static_cast<double>(state.iterations() * docs.size()));
}

void BM_EventsItalian(benchmark::State& state) { RunEvents(state, "it"); }
void BM_EventsEnglish(benchmark::State& state) { RunEvents(state, "en"); }
BENCHMARK(BM_EventsItalian);
BENCHMARK(BM_EventsEnglish);

}  // namespace
}  // namespace cronaca
