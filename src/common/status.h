// Expected failures as values.
//
// Every operation that can fail for reasons outside the program (bad input,
// a missing dictionary, a full disk) returns a Status or a Result<T> instead
// of throwing. Bugs (broken invariants) are asserts, never Statuses.
//
//   Result<Document> doc = ReadDocument(path);
//   if (!doc.ok()) { Report(doc.status()); continue; }
//   Process(*doc);
//
// Status is cheap to copy when ok() (no allocation) and carries a code from
// the catalogue below plus a message with context (document id, byte offset).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace cronaca {

// The catalogue of expected failures. Add new codes at the end; the numeric
// values are stored in the database (failed_inputs.code) and must not change.
enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,   // a caller passed something unusable (bad flag value)
  kNotFound = 2,          // a file, document or resource does not exist
  kInvalidUtf8 = 3,       // input bytes are not well-formed UTF-8
  kBinaryInput = 4,       // input looks like a binary file (NUL or control bytes)
  kEmptyInput = 5,        // input has no text once metadata and blanks are removed
  kInputTooLarge = 6,     // input exceeds the configured size limit
  kMalformedJson = 7,     // a JSON/JSONL line does not parse or lacks a field
  kIoError = 8,           // reading or writing a file failed
  kResourceError = 9,     // a dictionary/model/resource file is missing or invalid
  kStoreError = 10,       // the database refused an operation
  kUnsupported = 11,      // a feature is not available in this build/config
  kInternal = 12,         // should not happen; reported instead of crashing a batch
};

const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid-utf8: doc.txt: invalid UTF-8 at byte 17"
  std::string ToString() const;

  // Prefixes the message with context, e.g. a document id: "doc.txt: ...".
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}                 // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {          // NOLINT: implicit by design
    assert(!status_.ok() && "Result constructed from an ok Status has no value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

#define CRONACA_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::cronaca::Status status_macro_ = (expr);  \
    if (!status_macro_.ok()) return status_macro_; \
  } while (0)

}  // namespace cronaca
