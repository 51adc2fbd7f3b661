#include "ingest/reader.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "ingest/metadata.h"
#include "text/utf8.h"

namespace cronaca {

namespace fs = std::filesystem;

std::string ContentKey(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

namespace {

bool HasSuffix(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string SizeText(uint64_t bytes) {
  char buf[32];
  if (bytes >= (1ull << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  } else {
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return buf;
}

Status TooLarge(const std::string& origin, uint64_t size, uint64_t limit) {
  return Status(StatusCode::kInputTooLarge, origin + ": too large (" + SizeText(size) +
                                                "; the limit is " + SizeText(limit) +
                                                ", see --max-bytes)");
}

}  // namespace

Result<Document> MakeDocument(std::string id, std::string text, std::string origin,
                              const Metadata* given) {
  if (LooksBinary(text)) {
    return Status(StatusCode::kBinaryInput, origin + ": binary data, not text (NUL or control bytes)");
  }
  Utf8Check utf8 = CheckUtf8(text);
  if (!utf8.valid) {
    return Status(StatusCode::kInvalidUtf8,
                  origin + ": invalid UTF-8 at byte " + std::to_string(utf8.error_offset));
  }
  Document doc(std::move(id), std::move(text));
  doc.set_origin(std::move(origin));
  HeaderParse header = ParseHeader(doc.original(), Span{0, static_cast<Offset>(doc.original().size())});
  Metadata& meta = doc.metadata();
  if (given) meta = *given;
  // The record's own fields win; a header fills what the record lacks.
  if (meta.title.empty()) meta.title = header.metadata.title;
  if (meta.source.empty()) meta.source = header.metadata.source;
  if (meta.url.empty()) meta.url = header.metadata.url;
  if (meta.lang_hint.empty()) meta.lang_hint = header.metadata.lang_hint;
  if (!meta.has_date && header.metadata.has_date) {
    meta.has_date = true;
    meta.date = header.metadata.date;
  }
  doc.set_body(header.body);
  // Trailing whitespace is not part of the body.
  Span body = doc.body();
  const std::string& original = doc.original();
  while (body.end > body.begin &&
         (original[body.end - 1] == ' ' || original[body.end - 1] == '\n' ||
          original[body.end - 1] == '\r' || original[body.end - 1] == '\t')) {
    --body.end;
  }
  doc.set_body(body);
  if (body.empty()) {
    return Status(StatusCode::kEmptyInput, doc.origin() + ": empty document (no text after the metadata)");
  }
  if (header.leaked_inline) {
    QualityFlag flag;
    flag.span = header.leaked_span;
    flag.kind = "leaked-metadata";
    flag.category = "scraping";
    flag.explanation = "a metadata line (\"" + std::string(doc.Text(header.leaked_span)) +
                       "\") is glued to the start of the article text; it was read as metadata "
                       "and left out of the body";
    flag.rule = "ingest.header.inline.v1";
    doc.quality_flags().push_back(std::move(flag));
  }
  doc.set_key(ContentKey(doc.BodyText()));
  doc.AddLayers(kLayerOriginal);
  return doc;
}

Result<Document> ParseJsonRecord(std::string_view line, const std::string& origin,
                                 uint64_t max_bytes) {
  if (line.size() > max_bytes) return TooLarge(origin, line.size(), max_bytes);
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
    size_t colon = what.find("] ");
    return Status(StatusCode::kMalformedJson,
                  origin + ": malformed JSON (" + (colon == std::string::npos ? what : what.substr(colon + 2)) + ")");
  }
  if (!record.is_object()) {
    return Status(StatusCode::kMalformedJson, origin + ": malformed JSON (a line must be an object)");
  }
  std::string id;
  if (auto it = record.find("id"); it != record.end() && !it->is_null()) {
    if (it->is_string()) id = it->get<std::string>();
    else if (it->is_number()) id = it->dump();
    else return Status(StatusCode::kMalformedJson, origin + ": \"id\" must be a string or number");
  }
  std::string named = id.empty() ? origin : origin + " (id " + id + ")";
  if (id.empty()) id = origin;
  auto text_it = record.find("text");
  if (text_it == record.end() || !text_it->is_string()) {
    return Status(StatusCode::kMalformedJson, named + ": missing \"text\" (a string)");
  }
  Metadata meta;
  auto string_field = [&](const char* name, std::string* out) -> Status {
    auto it = record.find(name);
    if (it == record.end() || it->is_null()) return Status::Ok();
    if (!it->is_string()) {
      return Status(StatusCode::kMalformedJson, named + ": \"" + name + "\" must be a string");
    }
    *out = it->get<std::string>();
    return Status::Ok();
  };
  std::string date_text;
  for (auto [name, field] : {std::pair{"title", &meta.title}, {"source", &meta.source},
                             {"url", &meta.url}, {"lang", &meta.lang_hint}, {"date", &date_text}}) {
    Status s = string_field(name, field);
    if (!s.ok()) return s;
  }
  if (!date_text.empty()) {
    auto date = PartialDate::Parse(date_text);
    if (!date) {
      return Status(StatusCode::kMalformedJson,
                    named + ": \"date\" is not a date (want YYYY, YYYY-MM or YYYY-MM-DD): " + date_text);
    }
    meta.has_date = true;
    meta.date = *date;
  }
  return MakeDocument(std::move(id), text_it->get<std::string>(), named, &meta);
}

InputReader::InputReader(std::vector<std::string> paths, ReaderOptions options) : options_(options) {
  for (const std::string& path : paths) {
    if (path == "-") {
      sources_.push_back({"-", false});
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> files;
      for (const auto& entry : fs::directory_iterator(path, ec)) {
        std::string p = entry.path().string();
        if (entry.is_regular_file() && (HasSuffix(p, ".txt") || HasSuffix(p, ".jsonl"))) files.push_back(p);
      }
      std::sort(files.begin(), files.end());
      for (const std::string& f : files) {
        sources_.push_back({f, HasSuffix(f, ".jsonl")});
        bytes_total_ += fs::file_size(f, ec);
      }
      if (files.empty()) {
        expand_errors_.push_back(Status(StatusCode::kNotFound, path + ": no .txt or .jsonl files in this directory"));
      }
    } else if (fs::exists(path, ec)) {
      sources_.push_back({path, HasSuffix(path, ".jsonl") || HasSuffix(path, ".json")});
      bytes_total_ += fs::file_size(path, ec);
    } else {
      expand_errors_.push_back(Status(StatusCode::kNotFound, path + ": no such file or directory"));
    }
  }
}

InputReader::~InputReader() = default;

std::optional<Result<Document>> InputReader::NextFromJsonl() {
  std::string line;
  while (std::getline(*jsonl_stream_, line)) {
    ++jsonl_line_;
    bytes_read_ += line.size() + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    return ParseJsonRecord(line, jsonl_name_ + ":" + std::to_string(jsonl_line_),
                           options_.max_document_bytes);
  }
  jsonl_stream_.reset();
  return std::nullopt;
}

Result<Document> InputReader::ReadTextFile(const Source& source) {
  std::string id = fs::path(source.path).filename().string();
  if (HasSuffix(id, ".txt")) id.resize(id.size() - 4);
  std::error_code ec;
  uint64_t size = fs::file_size(source.path, ec);
  if (ec) return Status(StatusCode::kIoError, source.path + ": cannot read (" + ec.message() + ")");
  if (size > options_.max_document_bytes) {
    bytes_read_ += size;
    return TooLarge(source.path, size, options_.max_document_bytes);
  }
  std::ifstream in(source.path, std::ios::binary);
  if (!in) return Status(StatusCode::kIoError, source.path + ": cannot open");
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in.gcount()) != size) {
    return Status(StatusCode::kIoError, source.path + ": short read");
  }
  bytes_read_ += size;
  return MakeDocument(std::move(id), std::move(text), source.path);
}

std::optional<Result<Document>> InputReader::Next() {
  if (!expand_errors_.empty()) {
    Status s = expand_errors_.front();
    expand_errors_.erase(expand_errors_.begin());
    return Result<Document>(s);
  }
  while (true) {
    if (jsonl_stream_) {
      if (auto item = NextFromJsonl()) return item;
    }
    if (next_source_ >= sources_.size()) return std::nullopt;
    const Source& source = sources_[next_source_++];
    if (source.path == "-") {
      // Read stdin up to the limit (+1 byte to detect overflow).
      std::string data;
      char buf[1 << 16];
      while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
        data.append(buf, static_cast<size_t>(std::cin.gcount()));
      }
      bytes_read_ += data.size();
      size_t first = data.find_first_not_of(" \t\r\n");
      if (first != std::string::npos && data[first] == '{') {
        jsonl_stream_ = std::make_unique<std::istringstream>(std::move(data));
        jsonl_name_ = "stdin";
        jsonl_line_ = 0;
        continue;
      }
      if (data.size() > options_.max_document_bytes) {
        return Result<Document>(TooLarge("stdin", data.size(), options_.max_document_bytes));
      }
      return MakeDocument("stdin", std::move(data), "stdin");
    }
    if (source.jsonl) {
      auto stream = std::make_unique<std::ifstream>(source.path, std::ios::binary);
      if (!*stream) return Result<Document>(Status(StatusCode::kIoError, source.path + ": cannot open"));
      jsonl_stream_ = std::move(stream);
      jsonl_name_ = source.path;
      jsonl_line_ = 0;
      continue;
    }
    return ReadTextFile(source);
  }
}

}  // namespace cronaca
