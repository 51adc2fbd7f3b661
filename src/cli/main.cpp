// cronaca: the command-line interface.
//
//   cronaca analyze PATH...   read, analyse and store articles
//   cronaca show ID           one stored document
//   cronaca summary           what the database holds
//   cronaca export            stored documents as JSONL
//   cronaca eval GOLD.jsonl   score against annotated snippets
//   cronaca explain DOC#N     why an event was coded
//   cronaca stories           stories: reports of one happening, grouped
//   cronaca story ID          one story's dossier: agreed, single-source, differences, same origin
//   cronaca dict check        report errors in the actor dictionaries
//   cronaca serve             the HTTP API (docs/API.md) and the web UI
//
// Exit status: 0 success; 1 some inputs failed (the others were processed);
// 2 usage error or a fatal problem (database cannot be opened, resources
// missing).
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/progress.h"
#include "common/resources.h"
#include "engine/analyzer.h"
#include "engine/ingest_batch.h"
#include "extract/actors/actors.h"
#include "eval/scorer.h"
#include "ingest/reader.h"
#include "link/dossier.h"
#include "link/story_events.h"
#include "link/story_linker.h"
#include "serve/gdelt.h"
#include "serve/http_server.h"
#include "serve/output.h"
#include "store/store.h"
#include "text/language.h"

namespace cronaca {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitFatal = 2;

void PrintError(const Status& status) {
  std::fprintf(stderr, "error: %s [%s]\n", status.message().c_str(), StatusCodeName(status.code()));
}

// Where output goes: a file given with -o, or standard output.
class Output {
 public:
  explicit Output(const std::string& path) {
    if (!path.empty() && path != "-") {
      file_ = std::make_unique<std::ofstream>(path, std::ios::binary);
      ok_ = static_cast<bool>(*file_);
    }
  }
  bool ok() const { return ok_; }
  std::ostream& stream() { return file_ ? *file_ : std::cout; }

 private:
  std::unique_ptr<std::ofstream> file_;
  bool ok_ = true;
};

struct AnalyzeArgs {
  std::vector<std::string> paths;
  std::string db = "cronaca.db";
  bool no_store = false;
  std::string format = "summary";
  std::string output;
  uint64_t max_bytes = ReaderOptions::kDefaultMaxBytes;
  bool tokens = false;
  bool quiet = false;
  bool cg3 = false;
};

Result<std::unique_ptr<Analyzer>> MakeAnalyzer(bool cg3, bool quiet) {
  AnalyzerOptions options;
  options.cg3 = cg3;
  auto analyzer = Analyzer::Create(options);
  if (analyzer.ok() && !(*analyzer)->language_model_loaded() && !quiet) {
    std::fprintf(stderr,
                 "warning: fastText model not found at %s; using CLD2 alone for language "
                 "identification (run scripts/setup)\n",
                 DefaultLanguageModelPath().c_str());
  }
  return analyzer;
}

int RunAnalyze(const AnalyzeArgs& args) {
  auto analyzer = MakeAnalyzer(args.cg3, args.quiet);
  if (!analyzer.ok()) {
    PrintError(analyzer.status());
    return kExitFatal;
  }
  std::unique_ptr<Store> store;
  if (!args.no_store) {
    auto opened = Store::Open(args.db);
    if (!opened.ok()) {
      PrintError(opened.status());
      return kExitFatal;
    }
    store = std::move(*opened);
  }
  Output out(args.output);
  if (!out.ok()) {
    PrintError(Status(StatusCode::kIoError, args.output + ": cannot write"));
    return kExitFatal;
  }
  ReaderOptions reader_options;
  reader_options.max_document_bytes = args.max_bytes;
  InputReader reader(args.paths, reader_options);
  Progress progress(reader.bytes_total(), !args.quiet && isatty(STDERR_FILENO));
  OutputOptions output_options;
  output_options.tokens = args.tokens;
  nlohmann::json json_array = nlohmann::json::array();
  struct Row {
    std::string id, lang, date, story;
    size_t sentences, mentions, times, quotes, events, flags;
    bool machine_translation;
  };
  std::vector<Row> rows;
  // Each stored document is written in input order (engine/ingest_batch.h:
  // batches are analysed, linked into stories in date order, then stored).
  const BatchIngester* ingester_of_emit = nullptr;  // set below; for copy_of
  // The document as JSON, with "copy_of" when it copies an earlier one (link/copies.h).
  auto to_json = [&](Document& doc) {
    nlohmann::json j = DocumentToJson(doc, (*analyzer)->strings(), output_options);
    if (auto copy = ingester_of_emit ? ingester_of_emit->CopyOf(doc.key()) : std::nullopt) {
      j["copy_of"] = {{"origin", copy->origin}, {"kind", CopyKindName(copy->kind)},
                      {"similarity", copy->similarity}, {"rule", copy->rule}};
    }
    return j;
  };
  auto emit = [&](Document& doc) {
    if (args.format == "jsonl") {
      out.stream() << to_json(doc).dump() << '\n';
    } else if (args.format == "json") {
      json_array.push_back(to_json(doc));
    } else if (args.format == "md") {
      out.stream() << DocumentToMarkdown(doc, (*analyzer)->strings(), output_options) << '\n';
    } else if (args.format == "summary") {
      const Extractions& ex = doc.extractions();
      size_t quotes = 0;
      for (const Quotation& q : ex.quotes) quotes += !q.indirect && q.kind != QuoteKind::kEmpty;
      rows.push_back({doc.id(), doc.lang(), doc.metadata().has_date ? doc.metadata().date.ToString() : "-",
                      ex.story, doc.sentences().size(), ex.mentions.size(), ex.times.size(), quotes,
                      ex.events.size(), doc.quality_flags().size(), ex.machine_translation});
    }
  };
  auto report_failure = [&](const Status& failure) {
    progress.Finish();
    PrintError(failure);
  };
  IngestOptions ingest_options;
  // CRONACA_LINK_TRACE=1 prints each candidate story's score parts (tuning).
  ingest_options.link.trace = std::getenv("CRONACA_LINK_TRACE") != nullptr;
  BatchIngester ingester(**analyzer, store.get(), ingest_options, emit, report_failure);
  ingester_of_emit = &ingester;
  while (auto item = reader.Next()) {
    Status fatal = ingester.Add(std::move(*item));
    if (!fatal.ok()) {
      PrintError(fatal);
      return kExitFatal;
    }
    progress.Update(reader.bytes_read(), ingester.done(), ingester.failed());
  }
  if (Status fatal = ingester.Flush(); !fatal.ok()) {
    PrintError(fatal);
    return kExitFatal;
  }
  const size_t done = ingester.done(), failed = ingester.failed();
  progress.Finish();
  if (args.format == "json") out.stream() << json_array.dump(2) << '\n';
  if (args.format == "summary") {
    std::ostream& o = out.stream();
    char line[256];
    std::snprintf(line, sizeof line, "%-34s %-4s %-10s %5s %5s %5s %5s %6s %5s  %s\n", "document", "lang",
                  "date", "sent", "actor", "time", "quote", "event", "flags", "story");
    o << line;
    for (const Row& r : rows) {
      std::string flags = std::to_string(r.flags) + (r.machine_translation ? " MT" : "");
      std::snprintf(line, sizeof line, "%-34.34s %-4s %-10s %5zu %5zu %5zu %5zu %6zu %5s  %s\n", r.id.c_str(),
                    r.lang.c_str(), r.date.c_str(), r.sentences, r.mentions, r.times, r.quotes, r.events,
                    flags.c_str(), r.story.c_str());
      o << line;
    }
    o << "\n" << done << " documents analysed";
    if (store) o << " and stored in " << args.db;
    o << ", " << failed << " failed.\n";
  }
  out.stream().flush();
  return failed ? kExitSomeFailed : kExitOk;
}

int RunShow(const std::string& db, const std::string& id, const std::string& format, bool tokens) {
  auto store = Store::Open(db);
  if (!store.ok()) {
    PrintError(store.status());
    return kExitFatal;
  }
  auto loaded = (*store)->Load(id);
  if (!loaded.ok()) {
    PrintError(loaded.status());
    return kExitFatal;
  }
  if (!loaded->has_value()) {
    PrintError(Status(StatusCode::kNotFound, id + ": no such document in " + db));
    return kExitSomeFailed;
  }
  Document doc = std::move(**loaded);
  std::unique_ptr<Analyzer> analyzer;
  StringStore empty_strings;
  if (tokens) {
    // Tokens are not stored: analyse the stored text again (same pipeline,
    // same result).
    auto made = MakeAnalyzer(false, true);
    if (!made.ok()) {
      PrintError(made.status());
      return kExitFatal;
    }
    analyzer = std::move(*made);
    auto fresh = MakeDocument(doc.id(), doc.original(), doc.origin());
    if (!fresh.ok()) {
      PrintError(fresh.status());
      return kExitFatal;
    }
    Status s = analyzer->Analyze(*fresh);
    if (!s.ok()) {
      PrintError(s);
      return kExitFatal;
    }
    doc = std::move(*fresh);
  }
  const StringStore& strings = analyzer ? analyzer->strings() : empty_strings;
  OutputOptions options;
  options.tokens = tokens;
  if (format == "json") {
    nlohmann::json j = DocumentToJson(doc, strings, options);
    if (auto ids = (*store)->IdsOf(doc.key()); ids.ok()) j["ids"] = *ids;
    std::cout << j.dump(2) << '\n';
  } else {
    std::cout << DocumentToMarkdown(doc, strings, options);
  }
  return kExitOk;
}

int RunStories(const std::string& db) {
  auto store = Store::Open(db);
  if (!store.ok()) {
    PrintError(store.status());
    return kExitFatal;
  }
  auto stories = (*store)->ListStories();
  if (!stories.ok()) {
    PrintError(stories.status());
    return kExitFatal;
  }
  // "indep": documents that are not copies of another (link/copies.h).
  std::printf("%-30s %-10s %-10s %5s %5s %7s  %s\n", "story", "first", "last", "docs", "indep", "sources", "label");
  for (const StoryRow& row : *stories) {
    std::printf("%-30s %-10s %-10s %5zu %5zu %7zu  %s\n", row.id.c_str(),
                row.first_date.empty() ? "-" : row.first_date.c_str(),
                row.last_date.empty() ? "-" : row.last_date.c_str(), row.n_documents, row.n_independent,
                row.n_sources, row.label.c_str());
  }
  std::printf("\n%zu stories. See one with: cronaca story ID --db %s\n", stories->size(), db.c_str());
  return kExitOk;
}

// One story's dossier (link/dossier.h): its documents compared.
int RunStory(const std::string& db, const std::string& story_id, const std::string& format) {
  auto store = Store::Open(db);
  if (!store.ok()) {
    PrintError(store.status());
    return kExitFatal;
  }
  auto dossier = BuildDossier(**store, story_id);
  if (!dossier.ok()) {
    PrintError(dossier.status().code() == StatusCode::kNotFound
                   ? Status(StatusCode::kNotFound, story_id + ": no such story in " + db)
                   : dossier.status());
    return dossier.status().code() == StatusCode::kNotFound ? kExitSomeFailed : kExitFatal;
  }
  if (format == "json") {
    std::cout << DossierToJson(*dossier).dump(2) << '\n';
  } else {
    std::cout << DossierToMarkdown(*dossier);
  }
  return kExitOk;
}

int RunSummary(const std::string& db) {
  auto store = Store::Open(db);
  if (!store.ok()) {
    PrintError(store.status());
    return kExitFatal;
  }
  auto summary = (*store)->Summarize();
  auto rows = (*store)->ListDocuments();
  if (!summary.ok() || !rows.ok()) {
    PrintError(summary.ok() ? rows.status() : summary.status());
    return kExitFatal;
  }
  std::printf("%s: %zu documents (%zu ids), %zu sentences, %zu actor mentions, %zu time expressions, "
              "%zu quotations, %zu events, %zu quality flags, %zu failed inputs\n",
              db.c_str(), summary->documents, summary->ids, summary->sentences, summary->mentions, summary->times,
              summary->quotes, summary->events, summary->quality_flags, summary->failures);
  std::printf("languages:");
  for (const auto& [lang, n] : summary->languages) std::printf(" %s=%zu", lang.empty() ? "?" : lang.c_str(), n);
  std::printf("\n\n%-10s %-4s %-34s %5s %5s %5s %6s %5s  %s\n", "date", "lang", "document", "actor", "time",
              "quote", "event", "flags", "title");
  for (const DocumentRow& r : *rows) {
    std::string flags = std::to_string(r.n_flags) + (r.machine_translation ? " MT" : "");
    std::printf("%-10s %-4s %-34.34s %5zu %5zu %5zu %6zu %5s  %.50s\n", r.date.empty() ? "-" : r.date.c_str(),
                r.lang.c_str(), r.id.c_str(), r.n_mentions, r.n_times, r.n_quotes, r.n_events, flags.c_str(),
                r.title.c_str());
  }
  std::printf("\nactor: actor mentions; time: time expressions; quote: direct quotations; MT: machine "
              "translation suspected.\nSee one document with: cronaca show ID --db %s\n", db.c_str());
  return kExitOk;
}

int RunExport(const std::string& db, const std::string& format, const std::string& output, bool header) {
  auto store = Store::Open(db);
  if (!store.ok()) {
    PrintError(store.status());
    return kExitFatal;
  }
  auto rows = (*store)->ListDocuments();
  if (!rows.ok()) {
    PrintError(rows.status());
    return kExitFatal;
  }
  Output out(output);
  if (!out.ok()) {
    PrintError(Status(StatusCode::kIoError, output + ": cannot write"));
    return kExitFatal;
  }
  StringStore strings;
  GdeltWriter gdelt(&out.stream(), header && format == "gdelt");
  // GDELT counts reports per event: the merged events of each story, once.
  std::map<std::string, std::vector<StoryEvent>> story_events;
  auto events_of_story = [&](const std::string& story) -> const std::vector<StoryEvent>* {
    if (story.empty()) return nullptr;
    auto it = story_events.find(story);
    if (it != story_events.end()) return &it->second;
    std::vector<Document> members;
    if (auto keys = (*store)->StoryDocuments(story); keys.ok()) {
      for (const std::string& key : *keys) {
        auto member = (*store)->Load(key);
        if (member.ok() && member->has_value()) members.push_back(std::move(**member));
      }
    }
    std::vector<const Document*> pointers;
    for (const Document& d : members) pointers.push_back(&d);
    return &(story_events[story] = MergeStoryEvents(pointers));
  };
  for (const DocumentRow& r : *rows) {
    auto doc = (*store)->Load(r.key);
    if (!doc.ok() || !doc->has_value()) continue;
    if (format == "gdelt") {
      auto story = (*store)->StoryOf(r.key);
      gdelt.Write(**doc, events_of_story(story.ok() ? *story : ""));
    } else {
      out.stream() << DocumentToJson(**doc, strings).dump() << '\n';
    }
  }
  return kExitOk;
}

// "DOC#N": the N-th event (from 1) of a document; "DOC" alone lists them.
int RunExplain(const std::string& db, const std::string& target) {
  auto store = Store::Open(db);
  if (!store.ok()) {
    PrintError(store.status());
    return kExitFatal;
  }
  size_t hash = target.rfind('#');
  std::string doc_id = hash == std::string::npos ? target : target.substr(0, hash);
  auto loaded = (*store)->Load(doc_id);
  if (!loaded.ok()) {
    PrintError(loaded.status());
    return kExitFatal;
  }
  if (!loaded->has_value()) {
    PrintError(Status(StatusCode::kNotFound, doc_id + ": no such document in " + db));
    return kExitSomeFailed;
  }
  const Document& doc = **loaded;
  const Extractions& ex = doc.extractions();
  if (hash == std::string::npos) {
    std::printf("%zu events in %s (explain one with: cronaca explain '%s#N'):\n", ex.events.size(),
                doc.id().c_str(), doc.id().c_str());
    for (size_t i = 0; i < ex.events.size(); ++i) {
      const Event& e = ex.events[i];
      std::printf("  #%zu  %s %s %s  \"%s\"\n", i + 1, e.source.empty() ? "-" : e.source.c_str(), e.code.c_str(),
                  e.target.empty() ? "-" : e.target.c_str(), std::string(doc.Text(e.trigger)).c_str());
    }
    return kExitOk;
  }
  size_t n = 0;
  try {
    n = std::stoul(target.substr(hash + 1));
  } catch (const std::exception&) {
    n = 0;
  }
  if (n == 0 || n > ex.events.size()) {
    PrintError(Status(StatusCode::kNotFound, target + ": " + doc.id() + " has " + std::to_string(ex.events.size()) +
                                                 " events, numbered from 1"));
    return kExitSomeFailed;
  }
  const Event& e = ex.events[n - 1];
  auto span_text = [&](Span span) {
    return std::string(doc.Text(span)) + "  [bytes " + std::to_string(span.begin) + "-" + std::to_string(span.end) + "]";
  };
  std::printf("event %s#%zu\n", doc.id().c_str(), n);
  std::printf("  code      %s  PLOVER %s%s%s, Goldstein %.1f, quad class %d\n", e.code.c_str(), e.plover.c_str(),
              e.plover_mode.empty() ? "" : "/", e.plover_mode.c_str(), e.goldstein, e.quad_class);
  std::printf("  trigger   %s\n", span_text(e.trigger).c_str());
  if (e.source_mention < ex.mentions.size()) {
    const Mention& m = ex.mentions[e.source_mention];
    std::printf("  source    %s = %s (%s, rule %s)\n", span_text(m.span).c_str(), e.source.c_str(), m.name.c_str(),
                m.rule.c_str());
  } else {
    std::printf("  source    %s\n", e.source.empty() ? "(none)" : e.source.c_str());
  }
  if (e.target_mention < ex.mentions.size()) {
    const Mention& m = ex.mentions[e.target_mention];
    std::printf("  target    %s = %s (%s, rule %s)\n", span_text(m.span).c_str(), e.target.c_str(), m.name.c_str(),
                m.rule.c_str());
  } else {
    std::printf("  target    %s\n", e.target.empty() ? "(none)" : e.target.c_str());
  }
  std::string date = e.date.empty() ? "(publication date only)" : e.date;
  if (e.time < ex.times.size()) date += "  from \"" + std::string(doc.Text(ex.times[e.time].span)) + "\"";
  std::printf("  date      %s\n", date.c_str());
  std::string modality;
  for (auto [bit, name] : {std::pair{kModalityNegated, "negated"}, {kModalityIntent, "intent"},
                           {kModalityAlleged, "alleged"}, {kModalityReported, "reported"},
                           {kModalityHistory, "history"}}) {
    if (e.modality & bit) modality += std::string(modality.empty() ? "" : ", ") + name;
  }
  std::printf("  modality  %s\n", modality.empty() ? "asserted" : modality.c_str());
  std::printf("  confidence %.2f\n", e.confidence);
  if (e.quotation < ex.quotes.size()) {
    const Quotation& q = ex.quotes[e.quotation];
    std::printf("  reported  by %s%s%s\n", q.speaker.empty() ? "(unknown)" : q.speaker.c_str(),
                q.relay.empty() ? "" : ", relayed by ", q.relay.c_str());
  }
  if (e.sentence < doc.sentences().size()) {
    std::printf("  sentence  %s\n", std::string(doc.Text(doc.sentences()[e.sentence].span)).c_str());
  }
  std::printf("  rule      %s\n", e.rule.c_str());
  // The pattern line itself: rule ids are "events.<lang>.<pattern id>".
  const std::string prefix = "events.";
  if (e.rule.rfind(prefix, 0) == 0) {
    size_t dot = e.rule.find('.', prefix.size());
    if (dot != std::string::npos) {
      std::string lang = e.rule.substr(prefix.size(), dot - prefix.size());
      std::string id = e.rule.substr(dot + 1);
      auto path = FindResource(lang, "events.txt");
      if (path.ok()) {
        std::ifstream in(*path);
        std::string line;
        size_t line_no = 0;
        while (std::getline(in, line)) {
          ++line_no;
          if (line.rfind(id, 0) == 0 && line.size() > id.size() && (line[id.size()] == ' ' || line[id.size()] == '|')) {
            std::printf("  pattern   %s:%zu: %s\n", path->string().c_str(), line_no, line.c_str());
            break;
          }
        }
      }
    }
  }
  return kExitOk;
}

// Reads a JSONL file into objects; malformed lines are reported and skipped.
std::vector<nlohmann::json> ReadJsonl(const std::string& path, size_t* errors) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PrintError(Status(StatusCode::kNotFound, path + ": cannot open"));
    ++*errors;
    return out;
  }
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      PrintError(Status(StatusCode::kMalformedJson, path + ":" + std::to_string(line_no) + ": malformed JSON"));
      ++*errors;
      continue;
    }
    out.push_back(std::move(j));
  }
  return out;
}

int RunEval(const std::vector<std::string>& gold_paths, const std::string& pred_path, bool json_out,
            bool quiet) {
  size_t errors = 0;
  std::vector<nlohmann::json> gold;
  for (const std::string& path : gold_paths) {
    std::vector<nlohmann::json> part = ReadJsonl(path, &errors);
    gold.insert(gold.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  std::vector<nlohmann::json> predicted;
  if (!pred_path.empty()) {
    predicted = ReadJsonl(pred_path, &errors);
  } else {
    auto analyzer = MakeAnalyzer(false, quiet);
    if (!analyzer.ok()) {
      PrintError(analyzer.status());
      return kExitFatal;
    }
    for (const nlohmann::json& g : gold) {
      std::string id = g.contains("id") && g["id"].is_string() ? g["id"].get<std::string>() : g.value("id", nlohmann::json()).dump();
      auto doc = ParseJsonRecord(g.dump(), "gold " + id, ReaderOptions::kDefaultMaxBytes);
      if (!doc.ok()) {
        PrintError(doc.status());
        ++errors;
        continue;
      }
      Status s = (*analyzer)->Analyze(*doc);
      if (!s.ok()) {
        PrintError(s);
        ++errors;
        continue;
      }
      predicted.push_back(DocumentToJson(*doc, (*analyzer)->strings()));
    }
  }
  eval::EvalReport total = eval::Score(gold, predicted);
  std::map<std::string, eval::EvalReport> by_lang = eval::ScoreByLanguage(gold, predicted);
  if (json_out) {
    nlohmann::json j = {{"total", eval::ReportToJson(total)}};
    for (const auto& [lang, report] : by_lang) j["by_language"][lang] = eval::ReportToJson(report);
    std::cout << j.dump(2) << '\n';
  } else {
    for (const auto& [lang, report] : by_lang) {
      std::cout << eval::FormatReport(report, "language " + (lang.empty() ? std::string("?") : lang)) << '\n';
    }
    if (by_lang.size() > 1) std::cout << eval::FormatReport(total, "all languages") << '\n';
  }
  return errors ? kExitSomeFailed : kExitOk;
}

// `cronaca dict check`: every error of the actor dictionaries, file:line.
int RunDictCheck(const std::string& resources_arg) {
  const std::filesystem::path resources = resources_arg.empty() ? ResourceDir() : std::filesystem::path(resources_arg);
  DictionaryCheck check = CheckActorDictionaries(resources);
  for (const std::string& error : check.errors) std::fprintf(stderr, "error: %s\n", error.c_str());
  const actors::DictionaryStats& s = check.stats;
  std::printf("%s: %zu files, %zu countries, %zu entities, %zu agent lines, %zu surface forms (%zu phrases), "
              "loaded in %.1f ms; %zu error(s)\n",
              resources.string().c_str(), s.files, s.countries, s.entities, s.agents, s.surfaces, s.phrases,
              s.load_ms, check.errors.size());
  return check.ok() ? kExitOk : kExitSomeFailed;
}

// --- cronaca serve (serve/http_server.h) -----------------------------------
#ifndef CRONACA_WEB_DIR
#define CRONACA_WEB_DIR ""
#endif

struct ServeArgs {
  ServerOptions options;
  std::string token_file;
  std::string web = CRONACA_WEB_DIR;
};

int RunServe(ServeArgs args) {
  ServerOptions& options = args.options;
  options.web_dir = args.web;
  // The ingest token: --token-file, else CRONACA_TOKEN; none: no ingest endpoint.
  constexpr size_t kMinTokenLength = 16;
  if (!args.token_file.empty()) {
    std::ifstream in(args.token_file, std::ios::binary);
    if (!in) {
      PrintError(Status(StatusCode::kNotFound, args.token_file + ": cannot read the token file"));
      return kExitFatal;
    }
    std::getline(in, options.token);
  } else if (const char* env = std::getenv("CRONACA_TOKEN")) {
    options.token = env;
  }
  while (!options.token.empty() && isspace(static_cast<unsigned char>(options.token.back()))) options.token.pop_back();
  if ((!args.token_file.empty() || std::getenv("CRONACA_TOKEN")) && options.token.size() < kMinTokenLength) {
    PrintError(Status(StatusCode::kInvalidArgument,
                      "the ingest token must be at least " + std::to_string(kMinTokenLength) + " characters"));
    return kExitFatal;
  }
  if (!options.web_dir.empty() && !std::filesystem::exists(std::filesystem::path(options.web_dir) / "index.html")) {
    std::fprintf(stderr, "warning: no web UI in %s (build it with `cmake --build BUILD --target web`); serving the API only\n",
                 options.web_dir.c_str());
  }
  // SIGINT and SIGTERM are taken by one thread that stops the server; every
  // other thread (the server's workers included) inherits the block.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = HttpServer::Create(options);
  if (!server.ok()) {
    PrintError(server.status());
    return kExitFatal;
  }
  auto port = (*server)->Bind();
  if (!port.ok()) {
    PrintError(port.status());
    return kExitFatal;
  }
  const bool loopback = options.host == "127.0.0.1" || options.host == "::1" || options.host == "localhost";
  std::printf("cronaca serve: http://%s:%d/  (API /api, description /api/openapi.json; database %s; ingest %s)\n",
              options.host.c_str(), *port, options.db.c_str(),
              options.token.empty() ? "off" : "on, POST /api/ingest with a bearer token");
  if (!loopback) std::fprintf(stderr, "warning: listening on %s, not on loopback only\n", options.host.c_str());
  std::fflush(stdout);
  std::atomic<bool> signalled = false;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    signalled = true;
    (*server)->Stop();
  });
  Status served = (*server)->Serve();
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);  // wake the waiter
  waiter.join();
  if (!served.ok()) {
    PrintError(served);
    return kExitFatal;
  }
  std::printf("cronaca serve: stopped\n");
  return kExitOk;
}

}  // namespace
}  // namespace cronaca

int main(int argc, char** argv) {
  using cronaca::AnalyzeArgs;
  CLI::App app{
      "cronaca: reads news articles in several languages and turns them into a sourced record of "
      "what happened (stories, events, actors, places, quotations), every fact traceable to the "
      "characters it came from."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("cronaca ") + CRONACA_VERSION);
  app.footer("Run 'cronaca COMMAND --help' for a command's options. Exit status: 0 ok, 1 some inputs "
             "failed (the rest were processed), 2 usage or fatal error.");

  AnalyzeArgs analyze;
  CLI::App* cmd_analyze = app.add_subcommand(
      "analyze", "Read articles (.txt files, directories of them, JSONL, or - for stdin), analyse "
                 "them and store the results in the database.");
  cmd_analyze->add_option("paths", analyze.paths, "Files, directories or - (stdin)")->required();
  cmd_analyze->add_option("--db", analyze.db, "SQLite database to store into")->capture_default_str();
  cmd_analyze->add_flag("--no-store", analyze.no_store, "Do not write to a database");
  cmd_analyze->add_option("--format", analyze.format,
                          "Output: summary (a table), jsonl (one object per document, shape of "
                          "shared/eval/FORMAT.md), json, md, none")
      ->check(CLI::IsMember({"summary", "jsonl", "json", "md", "none"}))
      ->capture_default_str();
  cmd_analyze->add_option("-o,--output", analyze.output, "Write output to this file instead of stdout");
  cmd_analyze->add_option("--max-bytes", analyze.max_bytes, "Largest document accepted, in bytes")
      ->capture_default_str();
  cmd_analyze->add_flag("--tokens", analyze.tokens, "Include tokens (lemma, pos, stem) in json/jsonl/md output");
  cmd_analyze->add_flag("--cg3", analyze.cg3,
                        "Disambiguate morphology with Apertium's CG-3 rules (more accurate, ~10x slower)");
  cmd_analyze->add_flag("-q,--quiet", analyze.quiet, "No progress bar or warnings");

  std::string db = "cronaca.db";
  std::string show_id, show_format = "md";
  bool show_tokens = false;
  CLI::App* cmd_show = app.add_subcommand("show", "Show one stored document: metadata, language, sentences, quality flags.");
  cmd_show->add_option("id", show_id, "Document id, file name, or key (prefix of at least 8 hex digits)")->required();
  cmd_show->add_option("--db", db, "SQLite database")->capture_default_str();
  cmd_show->add_option("--format", show_format, "md or json")->check(CLI::IsMember({"md", "json"}))->capture_default_str();
  cmd_show->add_flag("--tokens", show_tokens, "Also list tokens with lemma, part of speech and stem");

  CLI::App* cmd_summary = app.add_subcommand("summary", "What the database holds: documents, languages, quality flags.");
  cmd_summary->add_option("--db", db, "SQLite database")->capture_default_str();

  std::string export_format = "jsonl", export_output;
  bool export_header = false;
  CLI::App* cmd_export = app.add_subcommand(
      "export", "Write what the database holds: every document as JSONL (the analyze --format jsonl shape), "
                "or every event as a GDELT 2.0 event table (tab-separated, 61 columns).");
  cmd_export->add_option("--db", db, "SQLite database")->capture_default_str();
  cmd_export->add_option("--format", export_format, "jsonl or gdelt")
      ->check(CLI::IsMember({"jsonl", "gdelt"}))
      ->capture_default_str();
  cmd_export->add_flag("--header", export_header, "With --format gdelt: a first line with the column names");
  cmd_export->add_option("-o,--output", export_output, "Output file (default stdout)");

  CLI::App* cmd_stories = app.add_subcommand(
      "stories", "List the stories: reports of one happening grouped across sources and languages (id, dates, "
                 "documents, distinct sources, label).");
  cmd_stories->add_option("--db", db, "SQLite database")->capture_default_str();
  std::string story_id, story_format = "md";
  CLI::App* cmd_story = app.add_subcommand(
      "story", "One story's dossier: its documents, the events merged across them, and what the reports agree "
               "on, what only one says, where they differ and which rest on the same origin.");
  cmd_story->add_option("id", story_id, "Story id (from cronaca stories)")->required();
  cmd_story->add_option("--db", db, "SQLite database")->capture_default_str();
  cmd_story->add_option("--format", story_format, "md or json")
      ->check(CLI::IsMember({"md", "json"}))
      ->capture_default_str();

  std::string explain_target;
  CLI::App* cmd_explain = app.add_subcommand(
      "explain", "Why an event was coded: its pattern (file and line), trigger, source and target with their "
                 "spans and dictionary rules, date, modality. ID is DOC#N; DOC alone lists its events.");
  cmd_explain->add_option("id", explain_target, "DOC#N (N from 1) or DOC")->required();
  cmd_explain->add_option("--db", db, "SQLite database")->capture_default_str();

  std::vector<std::string> gold_paths;
  std::string pred_path;
  bool eval_json = false, eval_quiet = false;
  CLI::App* cmd_eval = app.add_subcommand(
      "eval", "Score cronaca against annotated snippets (shared/eval/*.jsonl): precision, recall and F1 "
              "for events, quotations and time expressions, per language.");
  cmd_eval->add_option("gold", gold_paths, "Gold JSONL files")->required();
  cmd_eval->add_option("--pred", pred_path, "Score this prediction JSONL instead of analysing the gold texts");
  cmd_eval->add_flag("--json", eval_json, "Print the report as JSON");
  cmd_eval->add_flag("-q,--quiet", eval_quiet, "No warnings");

  std::string dict_resources;
  CLI::App* cmd_dict = app.add_subcommand("dict", "Work with the actor dictionaries (resources/actors, resources/*/agents.txt).");
  cmd_dict->require_subcommand(1);
  CLI::App* cmd_dict_check = cmd_dict->add_subcommand(
      "check", "Load every dictionary file and report every error (bad dates, duplicate ids, unknown codes) "
               "with file and line; exit 1 if there is any.");
  cmd_dict_check->add_option("--resources", dict_resources, "Resources folder (default: the one cronaca uses)");

  cronaca::ServeArgs serve;
  CLI::App* cmd_serve = app.add_subcommand(
      "serve", "Serve the database over HTTP: a read-only JSON API under /api (documents, stories, dossiers, "
               "events, actors, quotations; OpenAPI at /api/openapi.json) and the web UI. Loopback only unless "
               "--host says otherwise. POST /api/ingest exists only with a token (--token-file or CRONACA_TOKEN) "
               "and requires 'Authorization: Bearer TOKEN'. Stops cleanly on Ctrl-C / SIGTERM.");
  cmd_serve->add_option("--db", serve.options.db, "SQLite database to serve")->capture_default_str();
  cmd_serve->add_option("--port", serve.options.port, "TCP port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd_serve->add_option("--host", serve.options.host, "Address to listen on (0.0.0.0: every interface)")
      ->capture_default_str();
  cmd_serve->add_option("--web", serve.web, "Folder of the built web UI (empty: API only)")->capture_default_str();
  cmd_serve->add_option("--threads", serve.options.threads,
                        "Worker threads; each open keep-alive connection holds one, so use more than the "
                        "number of concurrent clients")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd_serve->add_option("--cache", serve.options.cache_entries,
                        "Responses kept in the LRU cache (0: none); emptied when the database changes")
      ->capture_default_str();
  cmd_serve->add_option("--token-file", serve.token_file,
                        "File whose first line is the ingest token (at least 16 characters); enables POST "
                        "/api/ingest. Default: the CRONACA_TOKEN environment variable, if set");
  cmd_serve->add_option("--max-body", serve.options.max_ingest_bytes, "Largest ingest request body, in bytes")
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : cronaca::kExitFatal;
  }
  if (*cmd_analyze) return cronaca::RunAnalyze(analyze);
  if (*cmd_show) return cronaca::RunShow(db, show_id, show_format, show_tokens);
  if (*cmd_summary) return cronaca::RunSummary(db);
  if (*cmd_export) return cronaca::RunExport(db, export_format, export_output, export_header);
  if (*cmd_stories) return cronaca::RunStories(db);
  if (*cmd_story) return cronaca::RunStory(db, story_id, story_format);
  if (*cmd_explain) return cronaca::RunExplain(db, explain_target);
  if (*cmd_eval) return cronaca::RunEval(gold_paths, pred_path, eval_json, eval_quiet);
  if (*cmd_dict_check) return cronaca::RunDictCheck(dict_resources);
  if (*cmd_serve) return cronaca::RunServe(serve);
  return cronaca::kExitFatal;
}
