/** Reader: one per input format; turns a file's bytes into RawDocuments. */
#pragma once

#include <filesystem>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "project.h"

namespace fynd {

/// A structural block of a document, in reading order.
enum class BlockType { Heading, Paragraph, ListItem, Line, PageBreak };

struct Block {
  BlockType type = BlockType::Paragraph;
  int level = 0;         ///< heading level (1 = h1) for headings; 0 otherwise
  std::string text;      ///< UTF-8, NFC, white space squashed
  std::size_t begin = 0; ///< byte range in RawDocument::text
  std::size_t end = 0;
};

/// What a reader yields: decoded text with its structure, or a structured record.
struct RawDocument {
  std::string text;           ///< the whole text, UTF-8 NFC (pages separated by '\f')
  /// Structure; plain text gives one block a line. Empty for a `record`: its project is
  /// understood from its fields and text, never segmented.
  std::vector<Block> blocks;
  std::string title;          ///< document title if the format has one (<title>, record name)
  /// Set by structured readers (project-bank JSON, ESF records): fields already mapped.
  /// The pipeline indexes it as one project instead of segmenting `text`.
  std::optional<Project> record;
  SourceRef source;           ///< file and byte range of this document in the file
  std::string encoding;       ///< detected input encoding ("UTF-8", "windows-1252", ...)
  std::vector<std::string> warnings;  ///< e.g. undecodable bytes replaced
};

/// A well-formed file that holds nothing to index (a JSON file of other data, a scanned
/// PDF without a text layer). The pipeline reports it as skipped, not failed.
class NotIndexable : public InputError {
 public:
  using InputError::InputError;
};

/// Receives a file's documents one at a time, in file order, as a reader finds them.
using DocumentSink = std::function<void(RawDocument&&)>;

/// Interface of a format reader. Readers throw InputError (naming the file) for input
/// they cannot read; they never crash on malformed bytes.
class Reader {
 public:
  virtual ~Reader() = default;
  /// Short format name: text, markdown, html, pdf, json, esf.
  virtual std::string_view name() const = 0;
  /// True if this reader handles the file, judged by extension and the first bytes.
  virtual bool accepts(const std::filesystem::path& path, std::string_view head) const = 0;
  /// Reads the whole file content `bytes` (already loaded) of `path`.
  virtual std::vector<RawDocument> read(const std::filesystem::path& path, std::string_view bytes) const = 0;
  /// Streams the documents of `path`, read from `in` (at the file's start), to `sink`.
  /// Warnings travel on the documents; a document may carry warnings only (no text).
  /// The default reads the whole stream and passes on what read() returns; readers of
  /// large record files override it to hold one record at a time.
  virtual void read_stream(const std::filesystem::path& path, std::istream& in, const DocumentSink& sink) const;
  /// True when read_stream() holds a bounded part of `path` at a time, so that the file
  /// may be larger than the pipeline's limit for files read whole.
  virtual bool streams(const std::filesystem::path& /*path*/) const { return false; }
};

/// Reads one file through `reader`, streaming its documents to `sink`: the one call by
/// which the pipeline reads a file. Throws InputError when the file cannot be opened or
/// read, and whatever the reader throws.
void read_documents(const Reader& reader, const std::filesystem::path& path, const DocumentSink& sink);

/// Splits text into one Line block per non-empty line, with byte ranges.
std::vector<Block> line_blocks(std::string_view text);

/// Appends a block to `doc`: its white-space-squashed text goes to the end of
/// `doc.text` (after a '\n' separator) and the block's byte range points at it.
/// Empty text adds nothing; a PageBreak appends '\f'.
void append_block(RawDocument& doc, BlockType type, std::string_view text, int level = 0);

/// True if the path's extension, lower-cased, is one of `exts` (".html", ".htm").
bool has_extension(const std::filesystem::path& path, std::initializer_list<std::string_view> exts);

/// `head` without a UTF-8 byte-order mark and leading white space, lower-cased ASCII,
/// at most `n` bytes: for sniffing "<!doctype html", "%pdf-", "[{".
std::string sniff_prefix(std::string_view head, std::size_t n = 64);

}  // namespace fynd
