// The story dossier: what the reports of one story say, compared.
//
// A story (link/story_linker.h) groups the reports of one happening. The
// dossier reads its documents back from the store and lays them side by side:
//
//   Result<Dossier> d = BuildDossier(store, "s-2025-07-88a4eb9e");
//   std::cout << DossierToMarkdown(*d);          // `cronaca story ID`
//   std::cout << DossierToJson(*d).dump(2);      // `cronaca story ID --format json`, the HTTP API
//
// The facts it compares, each with the documents that state it:
//   events      the reports' events merged into story events (link/story_events.h):
//               one happening reported by several documents is one event that
//               counts its documents and sources and keeps every mention;
//   quantities  durations (time expressions: "circa un'ora" = PT1H) and
//               ordinals ("la sesta telefonata" = 6; resources/<lang>/dossier.txt),
//               tied to a story event when a mention of it is in the same sentence;
//   quotes      quotations and reported claims, by speaker: the same speaker
//               and similar wording (most words of the shorter in the longer)
//               is one quote; similar but not the same words, in reports of
//               one language, is a difference of wording;
//   actors, places  named by the reports (mentions, place mentions).
// and sorts them into:
//   agreed        stated by two or more reports;
//   single        stated by one report only;
//   differences   what the reports state differently: the dates of an event
//                 (same event but incompatible dates), the quantity tied to an
//                 event, the title a report gives a person ("aiutante del
//                 Cremlino" / "consigliere del Cremlino", same language only),
//                 the wording of one quote;
//   same_origin   reports that rest on one origin, so that their agreement is
//                 not independent confirmation: copies (link/copies.h, from the
//                 store), a speaker quoted by several reports ("speaker"), and
//                 a spokesperson: a person quoted in one report, named in others,
//                 and never the actor of an event ("spokesperson": a Kremlin aide
//                 giving the readout of a call).
// The documents are listed with their quality; reports of doubtful quality
// (machine translation suspected, damaged text) are listed apart.
//
// JSON fields (stable; the HTTP API serves them; new fields may be added):
//   story               story id
//   documents[]         {id, key, title, source, date, lang, url,
//                        quality: {score, machine_translation, flags[], doubtful}}
//   sources             number of distinct named sources
//   shared_actors[]     {id, name, documents[]}   named by >= 2 documents, most shared first
//   shared_places[]     {id, name, documents[]}
//   doubtful_reports[]  document ids
//   events[]            {id ("E1"), code, codes[], name, plover, source, target, targets[],
//                        places[], date, dates[], modality[], n_documents, n_sources,
//                        documents[], mentions[]: {document, source, event, trigger: [begin, end],
//                        text, code, event_source, event_target, date, candidates[], rule, confidence}}
//   quantities[]        {id ("Q1"), kind ("duration"|"ordinal"), value, text, documents[],
//                        mentions[]: {document, span: [begin, end], text, rule, event ("E1" or "")}}
//   quotes[]            {id ("C1"), speaker, speaker_entity, documents[],
//                        versions[]: {document, lang, span: [begin, end], text, indirect, rule}}
//   agreed[], single[]  {kind ("event"|"quantity"|"quote"|"actor"|"place"), ref (id of the
//                        item: "E1", "Q2", "C3", an entity or place id), text, documents[],
//                        independent (documents once each copy counts with its origin)}
//   differences[]       {kind ("date"|"quantity"|"title"|"wording"), subject, refs[],
//                        versions[]: {value, documents[]}}
//   same_origin[]       {basis ("copy"|"speaker"|"spokesperson"), entity (the speaker's entity id;
//                        "" for copies), name (the speaker; for copies the origin document id),
//                        documents[], detail}
// Spans are byte offsets into each document's original text.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"
#include "link/story_events.h"
#include "store/store.h"

namespace cronaca {

struct DossierDocument {
  std::string id, key, title, source, date, lang, url;
  float quality = 1.0f;
  bool machine_translation = false;
  std::vector<std::string> quality_flags;  // distinct flag kinds, sorted
  bool doubtful = false;
};

// An actor or place named by the reports.
struct SharedEntity {
  bool is_place = false;
  std::string id, name;
  std::vector<std::string> documents;  // document ids, sorted
};

// A duration or ordinal with every report that states it.
struct QuantityFact {
  struct Mention {
    std::string document;
    Span span;
    std::string text, rule;
    std::string event;  // story event id ("E3") of the same sentence, "" if none
  };
  std::string id;     // "Q1"
  std::string kind;   // "duration", "ordinal"
  std::string value;  // "PT1H", "6"
  std::vector<std::string> documents;
  std::vector<Mention> mentions;
};

// One quote (or claim) of one speaker, as each report words it.
struct QuoteFact {
  struct Version {
    std::string document, lang;
    Span span;
    std::string text, rule;
    bool indirect = false;
  };
  std::string id;  // "C1"
  std::string speaker, speaker_entity;
  std::vector<std::string> documents;
  std::vector<Version> versions;
};

// An item of the agreed / single lists.
struct FactRef {
  std::string kind, ref, text;
  std::vector<std::string> documents;
  size_t independent = 0;  // documents once copies count with their origin
};

struct Difference {
  struct Version {
    std::string value;
    std::vector<std::string> documents;
  };
  std::string kind, subject;
  std::vector<std::string> refs;
  std::vector<Version> versions;
};

struct SameOrigin {
  std::string basis;         // "copy", "speaker", "spokesperson"
  std::string entity, name;  // the speaker (for copies: the origin document id)
  std::vector<std::string> documents;
  std::string detail;
};

struct Dossier {
  std::string story;
  std::vector<DossierDocument> documents;  // oldest first
  size_t n_sources = 0;
  std::vector<SharedEntity> shared;      // named by >= 2 documents, most widely shared first
  std::vector<SharedEntity> named_once;  // named by one document only
  std::vector<std::string> doubtful;     // document ids
  std::vector<StoryEvent> events;        // events[i] has id "E" + (i + 1)
  std::vector<QuantityFact> quantities;
  std::vector<QuoteFact> quotes;
  std::vector<FactRef> agreed, single;
  std::vector<Difference> differences;
  std::vector<SameOrigin> same_origin;
};

// Reads the story's documents from `store` and compares them. kNotFound if
// the story has no documents.
Result<Dossier> BuildDossier(Store& store, const std::string& story_id);

// The comparison itself, for documents already in memory (with their
// extractions, ids and metadata; ordered oldest first). `copies` are the copy
// records of the documents (Store::CopiesInStory), keyed by document key.
Dossier CompareReports(const std::string& story_id, const std::vector<const Document*>& docs,
                       const std::vector<CopyRecord>& copies = {});

nlohmann::json DossierToJson(const Dossier& dossier);
std::string DossierToMarkdown(const Dossier& dossier);

}  // namespace cronaca
