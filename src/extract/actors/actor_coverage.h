// Actor coverage: how many actors of annotated events the mentions find.
//
//   std::map<std::string, CoverageCount> by_lang;
//   for (each gold record and the analysed document of its text)
//     CountActorCoverage(record, doc.extractions().mentions, &by_lang, &misses);
//   by_lang["it"].share();     // 0.97: found / actors
//
// The measure (issue 3): every non-null `source` and `target` of the gold
// record's `events` (shared/eval/FORMAT.md) counts once; it is found when
// some mention of the same snippet has a code with the same first three
// characters (the country or organisation: "RUSGOV" ~ "RUSMIL" ~ "RUS",
// "NATO" ~ "NATO", "EU" ~ "EU"). It says whether the actor layer gives the
// event coder what it needs, not whether the right mention is used.
//
// Pure functions of their arguments: thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/annotations.h"

namespace cronaca::actors {

struct CoverageCount {
  size_t actors = 0;
  size_t found = 0;
  double share() const { return actors ? static_cast<double>(found) / static_cast<double>(actors) : 0.0; }
};

// True if a mention's code has the same first three characters as `code`.
bool CoversCode(const std::vector<Mention>& mentions, const std::string& code);

// Counts the event actors of one gold record (keyed by its "lang", "" if
// absent) into *by_lang. Each miss is appended to *misses (if not null) as
// "<id>: <code>".
void CountActorCoverage(const nlohmann::json& gold, const std::vector<Mention>& mentions,
                        std::map<std::string, CoverageCount>* by_lang, std::vector<std::string>* misses);

}  // namespace cronaca::actors
