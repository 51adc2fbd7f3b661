#include "morph/morphology_config.h"

#include <libstemmer.h>

#include <set>
#include <system_error>

#include "common/resources.h"
#include "morph/apertium_tags.h"

namespace cronaca {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool SnowballKnows(const std::string& name) {
  sb_stemmer* stemmer = sb_stemmer_new(name.c_str(), "UTF_8");
  if (stemmer == nullptr) return false;
  sb_stemmer_delete(stemmer);
  return true;
}

}  // namespace

Result<MorphologyConfig> ParseMorphologyConfig(std::string_view text, const std::filesystem::path& file,
                                               std::string lang) {
  MorphologyConfig config;
  config.lang = std::move(lang);
  config.source = file;
  const std::filesystem::path base = file.parent_path();
  std::set<std::string> seen;

  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t newline = text.find('\n', pos);
    if (newline == std::string_view::npos) newline = text.size();
    std::string_view line = Trim(text.substr(pos, newline - pos));
    pos = newline + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;

    auto error = [&](const std::string& why) {
      return Status(StatusCode::kResourceError, file.string() + ":" + std::to_string(line_no) + ": " + why);
    };
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return error("expected 'key = value', got '" + std::string(line) + "'");
    std::string key(Trim(line.substr(0, eq)));
    std::string value(Trim(line.substr(eq + 1)));
    if (value.empty()) return error("empty value for '" + key + "'");
    const bool repeatable = key == "surface_lemma" || key == "word";
    if (!repeatable && !seen.insert(key).second) return error("'" + key + "' given twice");

    auto existing_file = [&](std::filesystem::path* out) -> Status {
      std::filesystem::path path(value);
      if (path.is_relative()) path = base / path;
      std::error_code ec;
      if (!std::filesystem::is_regular_file(path, ec)) {
        return error(key + " file " + path.string() + " does not exist");
      }
      *out = path;
      return Status::Ok();
    };

    if (key == "analyser") {
      CRONACA_RETURN_IF_ERROR(existing_file(&config.analyser));
    } else if (key == "cg3") {
      CRONACA_RETURN_IF_ERROR(existing_file(&config.cg3));
    } else if (key == "snowball") {
      if (!SnowballKnows(value)) return error("libstemmer has no Snowball algorithm '" + value + "'");
      config.snowball = value;
    } else if (key == "multiwords") {
      if (value == "yes") {
        config.multiwords = true;
      } else if (value == "no") {
        config.multiwords = false;
      } else {
        return error("multiwords must be yes or no, got '" + value + "'");
      }
    } else if (key == "surface_lemma") {
      config.surface_lemmas.push_back(value);
    } else if (key == "word") {
      size_t space = value.find_first_of(" \t");
      if (space == std::string::npos) return error("word needs a surface form and readings: 'word = n't not<adv>'");
      MorphologyConfig::Word word;
      word.form = std::string(Trim(std::string_view(value).substr(0, space)));
      word.readings = "/";
      word.readings.append(Trim(std::string_view(value).substr(space)));
      std::vector<morph::ParsedReading> parsed;
      if (!morph::ParseReadings(word.readings, &parsed)) {
        return error("cannot read the readings of '" + word.form + "' (expected lemma<tag>…/lemma<tag>…)");
      }
      config.words.push_back(std::move(word));
    } else {
      return error("unknown key '" + key + "' (expected analyser, cg3, snowball, multiwords, surface_lemma, word)");
    }
  }
  return config;
}

Result<MorphologyConfig> LoadMorphologyConfig(const std::filesystem::path& file, std::string lang) {
  Result<std::string> text = ReadFile(file);
  if (!text.ok()) return Status(StatusCode::kResourceError, text.status().message());
  return ParseMorphologyConfig(*text, file, std::move(lang));
}

}  // namespace cronaca
