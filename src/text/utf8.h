// Strict UTF-8 checks for untrusted input.
//
// "Strict" means what RFC 3629 allows and nothing else: no overlong forms,
// no UTF-16 surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no
// truncated sequences. A BOM at the start is allowed (ingest strips it).
//
//   Utf8Check check = CheckUtf8(bytes);
//   if (!check.valid) Fail("invalid UTF-8 at byte " + std::to_string(check.error_offset));
//
// LooksBinary() catches files that are not text at all (images, archives,
// executables) before they are reported as merely badly encoded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cronaca {

struct Utf8Check {
  bool valid = true;
  size_t error_offset = 0;  // first offending byte when !valid
};

Utf8Check CheckUtf8(std::string_view bytes);

// True if the bytes contain NUL, or if more than 10% of the first 8 KiB are
// control characters other than tab, newline, carriage return and form feed.
bool LooksBinary(std::string_view bytes);

// Decodes one code point at bytes[*pos] and advances *pos.
// REQUIRES: bytes is valid UTF-8 and *pos < bytes.size() is a sequence start.
inline char32_t DecodeUtf8(std::string_view bytes, size_t* pos) {
  auto b0 = static_cast<unsigned char>(bytes[*pos]);
  if (b0 < 0x80) { ++*pos; return b0; }
  if (b0 < 0xE0) {
    char32_t c = ((b0 & 0x1F) << 6) | (static_cast<unsigned char>(bytes[*pos + 1]) & 0x3F);
    *pos += 2;
    return c;
  }
  if (b0 < 0xF0) {
    char32_t c = ((b0 & 0x0F) << 12) | ((static_cast<unsigned char>(bytes[*pos + 1]) & 0x3F) << 6) |
                 (static_cast<unsigned char>(bytes[*pos + 2]) & 0x3F);
    *pos += 3;
    return c;
  }
  char32_t c = ((b0 & 0x07) << 18) | ((static_cast<unsigned char>(bytes[*pos + 1]) & 0x3F) << 12) |
               ((static_cast<unsigned char>(bytes[*pos + 2]) & 0x3F) << 6) |
               (static_cast<unsigned char>(bytes[*pos + 3]) & 0x3F);
  *pos += 4;
  return c;
}

// Appends the UTF-8 encoding of `c` to `out`. REQUIRES: c is a scalar value.
template <typename String>
inline void AppendUtf8(char32_t c, String* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace cronaca
