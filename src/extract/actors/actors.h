// Actors: the stage that finds who is named in a document, with codes.
//
//   Result<std::unique_ptr<Stage>> actors = MakeActors();   // loads resources/
//   if (!actors.ok()) return actors.status();               // a dictionary error, file:line
//   pipeline.Add(std::move(*actors));                       // after the segmenter
//   ...
//   for (const Mention& m : doc.extractions().mentions)
//     m.code;   // "RUSGOV" on the document's date; m.entity "putin_vladimir"
//
// Stage "cronaca.Actors.v1": requires kLayerTokens | kLayerSentences |
// kLayerLanguage, assigns kLayerMentions (doc.extractions().mentions). It
// uses the morphology (part of speech, known words) when an earlier stage
// added it, and works without it (a little less precisely: lower-case names
// are then never matched, capitals are never "acting" by a following verb).
// What a mention is and how it is resolved: extract/actors/actor_finder.h.
// The dictionary files and their formats: docs/DICTIONARIES.md.
//
// The dictionary is loaded once per process and resources folder and shared
// by every stage (SharedActorDictionary); each stage keeps its own scratch
// buffers, so a stage is not thread-safe: one per pipeline and thread. Not
// copyable (returned as a unique_ptr<Stage>).
//
// `cronaca dict check` calls CheckActorDictionaries(), which reads every
// dictionary file and reports every error (not only the first) with file and
// line, plus what was loaded and how long it took.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/pipeline.h"
#include "common/status.h"
#include "extract/actors/dictionary.h"

namespace cronaca {

// The stage with the dictionary of ResourceDir(); fails with the
// dictionary's errors.
Result<std::unique_ptr<Stage>> MakeActors();
// The stage with a given dictionary (tests, tools). REQUIRES: dictionary != nullptr.
std::unique_ptr<Stage> MakeActors(std::shared_ptr<const actors::ActorDictionary> dictionary);

// The compiled dictionary of a resources folder, loaded on first use and
// then shared (thread-safe). A failed load is not cached.
Result<std::shared_ptr<const actors::ActorDictionary>> SharedActorDictionary(const std::filesystem::path& resources);

struct DictionaryCheck {
  std::vector<std::string> errors;   // "file:line: message"
  actors::DictionaryStats stats;
  bool ok() const { return errors.empty(); }
};

// Loads every actor dictionary file under `resources` (actors/countries.tsv,
// actors/*.txt, actors/leaders.tsv, <lang>/agents.txt) and returns every
// error. A missing actors/ folder or countries.tsv is an error here (the
// stage itself tolerates a missing actors/ folder).
DictionaryCheck CheckActorDictionaries(const std::filesystem::path& resources);

}  // namespace cronaca
