#include "common/status.h"

namespace cronaca {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid-argument";
    case StatusCode::kNotFound: return "not-found";
    case StatusCode::kInvalidUtf8: return "invalid-utf8";
    case StatusCode::kBinaryInput: return "binary-input";
    case StatusCode::kEmptyInput: return "empty-input";
    case StatusCode::kInputTooLarge: return "input-too-large";
    case StatusCode::kMalformedJson: return "malformed-json";
    case StatusCode::kIoError: return "io-error";
    case StatusCode::kResourceError: return "resource-error";
    case StatusCode::kStoreError: return "store-error";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_);
}

}  // namespace cronaca
