// cronaca: the command-line interface.
//
//   cronaca analyze PATH...   read, analyse and store articles
//   cronaca show ID           one stored document
//   cronaca summary           what the database holds
//   cronaca export            stored documents as JSONL
//   cronaca eval GOLD.jsonl   score against annotated snippets
//   cronaca explain DOC#N     why an event was coded
//   cronaca stories           stories: reports of one happening, grouped
//   cronaca story ID          one story's documents and what they share
//   cronaca dict check        report errors in the actor dictionaries
//
// Exit status: 0 success; 1 some inputs failed (the others were processed);
// 2 usage error or a fatal problem (database cannot be opened, resources
// missing).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/progress.h"
#include "common/resources.h"
#include "engine/analyzer.h"
#include "extract/actors/actors.h"
#include "eval/scorer.h"
#include "ingest/reader.h"
#include "link/story_linker.h"
#include "serve/gdelt.h"
#include "serve/output.h"
#include "store/store.h"
#include "text/language.h"

namespace cronaca {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitFatal = 2;
constexpr size_t kBatchSize = 256;  // documents per store transaction

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

// "YYYY-MM" of the month `delta` months from `date` (a year-only date counts
// from January for earlier bounds, from December for later ones).
std::string ShiftMonth(const PartialDate& date, int delta) {
  constexpr int kMonths = 12;
  int year = date.year();
  int month = date.month() ? date.month() : (delta < 0 ? 1 : kMonths);
  month += delta;
  while (month < 1) month += kMonths, --year;
  while (month > kMonths) month -= kMonths, ++year;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

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
  const std::string signature = (*analyzer)->pipeline().Signature();

  size_t done = 0, failed = 0, in_batch = 0;
  nlohmann::json json_array = nlohmann::json::array();
  struct Row {
    std::string id, lang, date, story;
    size_t sentences, mentions, times, quotes, events, flags;
    bool machine_translation;
  };
  std::vector<Row> rows;
  bool in_transaction = false;
  auto commit = [&]() -> bool {
    in_batch = 0;
    if (!store || !in_transaction) return true;
    Status s = store->Commit();
    in_transaction = false;
    in_batch = 0;
    if (!s.ok()) {
      PrintError(s);
      return false;
    }
    return true;
  };
  // Analysed documents wait for the end of their batch: the batch is linked
  // into stories in date order, then each document is stored and written in
  // input order.
  std::vector<Document> pending;
  StoryLinkerOptions link_options;
  // CRONACA_LINK_TRACE=1 prints each candidate story's score parts (tuning).
  link_options.trace = std::getenv("CRONACA_LINK_TRACE") != nullptr;
  StoryLinker linker(link_options);
  auto emit = [&](Document& doc) {
    if (store) {
      Status put = store->Put(doc, signature);
      if (!put.ok()) {
        ++failed;
        PrintError(put.WithContext(doc.id()));
        store->RecordFailure(put.WithContext(doc.id()));
        return;
      }
    }
    ++done;
    if (args.format == "jsonl") {
      out.stream() << DocumentToJson(doc, (*analyzer)->strings(), output_options).dump() << '\n';
    } else if (args.format == "json") {
      json_array.push_back(DocumentToJson(doc, (*analyzer)->strings(), output_options));
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
  // One lemma bridge per language (resources/<lang>/link.txt), loaded when
  // first needed; a language without one links on its own lemmas.
  std::map<std::string, std::unique_ptr<LemmaBridge>> bridges;
  auto bridge_for = [&](const std::string& lang, Status* error) -> LemmaBridge* {
    auto it = bridges.find(lang);
    if (it == bridges.end()) {
      std::unique_ptr<LemmaBridge> bridge;
      if (!lang.empty()) {
        auto loaded = LemmaBridge::Load(lang);
        if (loaded.ok()) {
          bridge = std::move(*loaded);
        } else if (loaded.status().code() != StatusCode::kNotFound) {
          *error = loaded.status();
        }
      }
      it = bridges.emplace(lang, std::move(bridge)).first;
    }
    return it->second.get();
  };
  auto flush = [&]() -> bool {
    if (!pending.empty()) {
      std::vector<LinkDocument> features;
      features.reserve(pending.size());
      std::optional<PartialDate> min_date, max_date;
      for (const Document& doc : pending) {
        Status bridge_error;
        LemmaBridge* bridge = bridge_for(doc.lang(), &bridge_error);
        if (!bridge_error.ok()) {
          PrintError(bridge_error);
          return false;
        }
        features.push_back(LinkFeatures(doc, (*analyzer)->strings(), bridge));
        if (store) {
          if (auto known = store->StoryOf(doc.key()); known.ok()) features.back().known_story = *known;
        }
        if (doc.metadata().has_date) {
          const PartialDate& d = doc.metadata().date;
          if (!min_date || DateInterval(d).first < DateInterval(*min_date).first) min_date = d;
          if (!max_date || DateInterval(d).second > DateInterval(*max_date).second) max_date = d;
        }
      }
      if (store && min_date) {
        // The stories of the window around the batch (a month either side).
        auto window = store->StoriesBetween(ShiftMonth(*min_date, -1), ShiftMonth(*max_date, 1) + "-31");
        if (!window.ok()) {
          PrintError(window.status());
          return false;
        }
        linker.Restore(*window);
      }
      std::vector<std::string> story_ids = linker.LinkBatch(features);
      for (size_t i = 0; i < pending.size(); ++i) {
        pending[i].extractions().story = story_ids[i];
        emit(pending[i]);
      }
      pending.clear();
      if (store) {
        for (const StoryRecord& story : linker.TakeChanged()) {
          Status s = store->PutStory(story);
          if (!s.ok()) {
            PrintError(s);
            return false;
          }
        }
      }
    }
    return commit();
  };
  while (auto item = reader.Next()) {
    if (store && !in_transaction) {
      Status s = store->Begin();
      if (!s.ok()) {
        PrintError(s);
        return kExitFatal;
      }
      in_transaction = true;
    }
    Status failure;
    if (!item->ok()) {
      failure = item->status();
    } else {
      Document& doc = item->value();
      Status s = (*analyzer)->Analyze(doc);
      if (!s.ok()) {
        failure = s;
      } else {
        pending.push_back(std::move(doc));
      }
    }
    if (!failure.ok()) {
      ++failed;
      progress.Finish();
      PrintError(failure);
      if (store) store->RecordFailure(failure);
    }
    if (++in_batch >= kBatchSize && !flush()) return kExitFatal;
    progress.Update(reader.bytes_read(), done, failed);
  }
  if (!flush()) return kExitFatal;
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
  std::printf("%-30s %-10s %-10s %5s %7s  %s\n", "story", "first", "last", "docs", "sources", "label");
  for (const StoryRow& row : *stories) {
    std::printf("%-30s %-10s %-10s %5zu %7zu  %s\n", row.id.c_str(), row.first_date.empty() ? "-" : row.first_date.c_str(),
                row.last_date.empty() ? "-" : row.last_date.c_str(), row.n_documents, row.n_sources, row.label.c_str());
  }
  std::printf("\n%zu stories. See one with: cronaca story ID --db %s\n", stories->size(), db.c_str());
  return kExitOk;
}

// The first dossier of a story: its documents, their sources and dates, and
// the actors and places that more than one of them names.
int RunStory(const std::string& db, const std::string& story_id, const std::string& format) {
  auto store = Store::Open(db);
  if (!store.ok()) {
    PrintError(store.status());
    return kExitFatal;
  }
  auto keys = (*store)->StoryDocuments(story_id);
  if (!keys.ok()) {
    PrintError(keys.status());
    return kExitFatal;
  }
  if (keys->empty()) {
    PrintError(Status(StatusCode::kNotFound, story_id + ": no such story in " + db));
    return kExitSomeFailed;
  }
  struct Shared {
    std::string name;
    std::set<std::string> documents;
  };
  std::map<std::string, Shared> shared;  // "e:id" / "p:id" -> name, documents naming it
  std::set<std::string> sources;
  nlohmann::json docs = nlohmann::json::array();
  std::string table;
  std::string doubtful_lines;
  std::vector<std::string> doubtful_ids;
  // A report below this quality score (or suspected of machine translation)
  // is listed as doubtful: agreement resting on it is weak evidence.
  constexpr float kDoubtfulQuality = 0.8f;
  for (const std::string& key : *keys) {
    auto loaded = (*store)->Load(key);
    if (!loaded.ok() || !loaded->has_value()) continue;
    const Document& doc = **loaded;
    const Metadata& meta = doc.metadata();
    std::string date = meta.has_date ? meta.date.ToString() : "";
    if (!meta.source.empty()) sources.insert(meta.source);
    for (const Mention& m : doc.extractions().mentions) {
      if (m.entity.empty()) continue;
      Shared& item = shared["e:" + m.entity];
      if (item.name.empty()) item.name = m.name.empty() ? m.entity : m.name;
      item.documents.insert(doc.id());
    }
    for (const PlaceMention& p : doc.extractions().places) {
      if (p.place.empty()) continue;
      Shared& item = shared["p:" + p.place];
      if (item.name.empty()) item.name = p.name.empty() ? p.place : p.name;
      item.documents.insert(doc.id());
    }
    // Source quality (extract/quality): the dossier says which reports are doubtful.
    const Extractions& ex = doc.extractions();
    std::set<std::string> flag_kinds;
    for (const QualityFlag& f : doc.quality_flags()) {
      if (f.kind != "machine-translation-suspected") flag_kinds.insert(f.kind);
    }
    bool doubtful = ex.machine_translation || ex.quality < kDoubtfulQuality;
    if (doubtful) {
      std::string why = ex.machine_translation ? "machine translation suspected" : "damaged text";
      std::string kinds;
      for (const std::string& k : flag_kinds) kinds += (kinds.empty() ? "" : ", ") + k;
      char score[16];
      std::snprintf(score, sizeof score, "%.2f", ex.quality);
      doubtful_lines += "- " + doc.id() + ": " + why + " (quality " + score + "; " + kinds + ")\n";
      doubtful_ids.push_back(doc.id());
    }
    docs.push_back({{"id", doc.id()}, {"key", key}, {"title", meta.title}, {"source", meta.source},
                    {"date", date}, {"lang", doc.lang()}, {"url", meta.url},
                    {"quality", {{"score", ex.quality}, {"machine_translation", ex.machine_translation},
                                 {"flags", std::vector<std::string>(flag_kinds.begin(), flag_kinds.end())},
                                 {"doubtful", doubtful}}}});
    table += "| " + doc.id() + " | " + (date.empty() ? "-" : date) + " | " +
             (meta.source.empty() ? "-" : meta.source) + " | " + doc.lang() + " | " + meta.title + " |\n";
  }
  // Shared by at least two documents, most widely shared first.
  std::vector<std::pair<std::string, const Shared*>> common;
  for (const auto& [term, item] : shared) {
    if (item.documents.size() >= 2) common.emplace_back(term, &item);
  }
  std::stable_sort(common.begin(), common.end(), [](const auto& a, const auto& b) {
    return a.second->documents.size() > b.second->documents.size();
  });
  if (format == "json") {
    nlohmann::json actors = nlohmann::json::array(), places = nlohmann::json::array();
    for (const auto& [term, item] : common) {
      nlohmann::json entry = {{"id", term.substr(2)}, {"name", item->name},
                              {"documents", std::vector<std::string>(item->documents.begin(), item->documents.end())}};
      (term[0] == 'e' ? actors : places).push_back(entry);
    }
    nlohmann::json j = {{"story", story_id}, {"documents", docs}, {"sources", sources.size()},
                        {"shared_actors", actors}, {"shared_places", places}, {"doubtful_reports", doubtful_ids}};
    std::cout << j.dump(2) << '\n';
    return kExitOk;
  }
  std::cout << "# Story " << story_id << "\n\n" << docs.size() << " documents from " << sources.size()
            << " sources.\n\n| document | date | source | lang | title |\n|---|---|---|---|---|\n"
            << table << "\n## Shared by several reports\n\n";
  if (common.empty()) std::cout << "(nothing named by more than one report)\n";
  for (const auto& [term, item] : common) {
    std::cout << "- " << (term[0] == 'e' ? "actor " : "place ") << item->name << " (" << term.substr(2) << "): "
              << item->documents.size() << " of " << docs.size() << " documents\n";
  }
  std::cout << "\n## Reports of doubtful quality\n\n"
            << (doubtful_lines.empty() ? std::string("(none: no report shows machine translation or damage)\n")
                                       : doubtful_lines);
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
  for (const DocumentRow& r : *rows) {
    auto doc = (*store)->Load(r.key);
    if (!doc.ok() || !doc->has_value()) continue;
    if (format == "gdelt") {
      gdelt.Write(**doc);
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
      "story", "One story's dossier: its documents with their sources and dates, and the actors and places "
               "they share.");
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
  return cronaca::kExitFatal;
}
