// Reading articles from files, directories, JSONL and standard input.
//
//   InputReader reader({"examples/", "more.jsonl", "-"}, options);
//   while (auto item = reader.Next()) {
//     if (!item->ok()) { ReportError(item->status()); continue; }   // one bad
//     Document doc = std::move(item->value());                         // input
//     ...                                                              // never
//   }                                                                  // stops
//                                                                      // a batch
// Inputs:
//   - a .txt file: one article; its file name without ".txt" is the id;
//   - a directory: its .txt and .jsonl files, sorted by name (not recursive);
//   - a .jsonl file: one JSON object per line with "text" and optional "id",
//     "date", "title", "source", "url", "lang" (the shape of the gold files
//     in shared/eval); a line without "id" gets "<file>:<line>";
//   - "-": standard input, JSONL if its first non-blank byte is '{', else one
//     article with id "stdin".
//
// Every document is checked here: size limit (before reading the file),
// binary content, strict UTF-8, and an empty body. Failures come back as a
// Status naming the document (or file and line) and the reason; the reader
// then goes on with the next input.
//
// Each Document leaves the reader with its id, origin, original text, body
// span, metadata, and key (XXH3-128 of the body: same text, same key), and
// with a "leaked-metadata" quality flag when a scraper's header was glued
// to the body.
//
// Not thread-safe; not copyable (owns open streams).
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/document.h"
#include "common/status.h"

namespace cronaca {

struct ReaderOptions {
  static constexpr uint64_t kDefaultMaxBytes = 16ull << 20;  // 16 MiB per document
  uint64_t max_document_bytes = kDefaultMaxBytes;
};

class InputReader {
 public:
  InputReader(std::vector<std::string> paths, ReaderOptions options = {});
  ~InputReader();
  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;

  // The next document or the error for the next input; nullopt at the end.
  std::optional<Result<Document>> Next();

  // Bytes of input consumed so far and the total known in advance (sum of
  // file sizes; stdin counts as 0), for progress reports.
  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t bytes_total() const { return bytes_total_; }

 private:
  struct Source {
    std::string path;   // "-" for stdin
    bool jsonl = false;
  };
  std::optional<Result<Document>> NextFromJsonl();
  Result<Document> ReadTextFile(const Source& source);

  std::vector<Source> sources_;
  std::vector<Status> expand_errors_;  // paths that do not exist etc.
  size_t next_source_ = 0;
  ReaderOptions options_;
  // The JSONL stream being read, if any.
  std::unique_ptr<std::istream> jsonl_stream_;
  std::string jsonl_name_;
  size_t jsonl_line_ = 0;
  std::string stdin_buffer_;  // stdin read whole when it is a single article
  uint64_t bytes_read_ = 0;
  uint64_t bytes_total_ = 0;
};

// Builds a Document from text and metadata: checks (binary, UTF-8, empty),
// parses the header, computes the key. `origin` names it in messages.
Result<Document> MakeDocument(std::string id, std::string text, std::string origin,
                              const Metadata* given = nullptr);

// Parses one JSONL line into a Document.
Result<Document> ParseJsonRecord(std::string_view line, const std::string& origin,
                                 uint64_t max_bytes);

// Hex XXH3-128 of the bytes.
std::string ContentKey(std::string_view bytes);

}  // namespace cronaca
