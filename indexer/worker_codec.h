/** RawDocument to bytes and back, for documents sent from a reader worker to the indexer. */
#pragma once

#include <string>
#include <string_view>

#include "readers/reader.h"

namespace fynd {

/// Appends `doc` to `out` in a compact binary form (lengths, then bytes; the record, if
/// any, field by field, its fields in order).
void encode_document(const RawDocument& doc, std::string& out);

/// The document `encode_document` wrote; throws InputError when the bytes are cut short
/// or malformed.
RawDocument decode_document(std::string_view bytes);

}  // namespace fynd
