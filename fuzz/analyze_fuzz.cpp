// Fuzz target: any bytes through ingest and the whole default pipeline.
//
// Checks the invariants that must survive any input: a Document is either
// refused with a Status or analysed; every span of every layer lies inside
// the original text, begin <= end, tokens are non-empty and in order, and the
// normalised-to-original map is monotone.
//
// With clang:  cmake -S . -B build-fuzz -DCRONACA_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
//              build-fuzz/fuzz/analyze_fuzz fuzz/corpus -max_total_time=60
// Without it, tests/fuzz/replay_test.cpp runs the same checks over the
// corpus and over deterministic mutations of the bundled examples.
#include "fuzz/analyze_fuzz.h"

#include <cstdlib>
#include <cstdio>
#include <memory>

#include "engine/analyzer.h"
#include "ingest/reader.h"

namespace cronaca {

namespace {

void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

void CheckSpan(const Document& doc, Span span, const char* what) {
  Require(span.begin <= span.end, what);
  Require(span.end <= doc.original().size(), what);
}

}  // namespace

bool FuzzOneInput(const uint8_t* data, size_t size) {
  static Analyzer* analyzer = [] {
    auto made = Analyzer::Create(AnalyzerOptions{});
    if (!made.ok()) {
      std::fprintf(stderr, "cannot create analyzer: %s\n", made.status().ToString().c_str());
      std::abort();
    }
    return made->release();
  }();
  std::string text(reinterpret_cast<const char*>(data), size);
  auto doc = MakeDocument("fuzz", std::move(text), "fuzz");
  if (!doc.ok()) return false;
  Status status = analyzer->Analyze(*doc);
  if (!status.ok()) return false;
  const auto& map = doc->norm_to_orig();
  Require(map.size() == doc->normalized().size() + 1, "map size");
  for (size_t i = 0; i + 1 < map.size(); ++i) Require(map[i] <= map[i + 1], "map monotone");
  Offset previous_end = 0;
  for (const TokenData& t : doc->tokens()) {
    CheckSpan(*doc, t.span, "token span");
    Require(t.span.begin < t.span.end, "token not empty");
    Require(t.span.begin >= previous_end, "tokens in order");
    Require(doc->ToOriginal(t.norm.begin, t.norm.end) == t.span, "token norm span maps to its span");
    previous_end = t.span.end;
  }
  for (const Sentence& s : doc->sentences()) CheckSpan(*doc, s.span, "sentence span");
  for (const Paragraph& p : doc->paragraphs()) CheckSpan(*doc, p.span, "paragraph span");
  for (const QualityFlag& f : doc->quality_flags()) CheckSpan(*doc, f.span, "flag span");
  const Extractions& ex = doc->extractions();
  for (const Mention& m : ex.mentions) CheckSpan(*doc, m.span, "mention span");
  for (const PlaceMention& p : ex.places) CheckSpan(*doc, p.span, "place span");
  for (const TimeExpression& t : ex.times) CheckSpan(*doc, t.span, "time span");
  for (const Quotation& q : ex.quotes) {
    CheckSpan(*doc, q.span, "quote span");
    CheckSpan(*doc, q.content, "quote content span");
  }
  for (const Event& e : ex.events) CheckSpan(*doc, e.trigger, "event trigger span");
  return true;
}

}  // namespace cronaca

#ifdef CRONACA_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cronaca::FuzzOneInput(data, size);
  return 0;
}
#endif
