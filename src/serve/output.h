// Writing analysed documents for people and for other tools.
//
//   nlohmann::json j = DocumentToJson(doc, strings, {.tokens = false});
//   std::cout << j.dump() << '\n';                 // one JSONL line
//   std::cout << DocumentToMarkdown(doc, strings); // a readable report
//
// The JSON has the shape of shared/eval/FORMAT.md ("What the project
// writes"): id, lang, date, events, quotes, times, so that any scorer can
// compare it with gold; then what else cronaca knows, every item with its
// byte span [begin, end) into the original text and the rule that made it:
// key, title, source, url, lang_confidence, body, paragraphs, sentences,
// claims (indirect speech), empty_quotes (quotation marks with nothing inside:
// damage, never attributed), mentions, places, quality_flags, quality, and
// tokens (lemma, pos, proper class, stem) on request.
// Layers not built yet are written as empty lists, never invented.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/document.h"
#include "common/string_store.h"

namespace cronaca {

struct OutputOptions {
  bool tokens = false;      // include the token table
  bool sentences = true;    // include sentence spans
};

nlohmann::json DocumentToJson(const Document& doc, const StringStore& strings,
                              const OutputOptions& options = {});
std::string DocumentToMarkdown(const Document& doc, const StringStore& strings,
                               const OutputOptions& options = {});

}  // namespace cronaca
