/** RequestFraming: where one HTTP/1.1 request ends in the bytes read so far (head, then body). */
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace fynd::http {

/// The framing facts of a request head. Everything else in it is parsed by the request
/// processor; the event loop only needs to know how many bytes make up the request.
struct RequestHead {
  std::size_t bytes = 0;                     ///< up to and including the blank line
  std::optional<std::size_t> content_length; ///< a valid Content-Length
  bool chunked = false;                      ///< Transfer-Encoding: chunked
  bool valid_request_line = false;           ///< METHOD SP target SP HTTP/x.y
};

/// The head at the start of `buffer` when its blank line ("\r\n\r\n") has arrived, else
/// nullopt. Leading empty lines are part of the head's bytes (RFC 9112 2.2 lets a server
/// ignore them).
std::optional<RequestHead> find_request_head(std::string_view buffer);

/// True if the first line (up to "\r\n") of `buffer` has arrived.
bool has_request_line(std::string_view buffer);

/// The length of a complete chunked body (through its last-chunk and trailers) at the start
/// of `body`, or nullopt if more bytes are needed. A malformed chunk size ends the body
/// where it stands, so the processor can answer 400.
std::optional<std::size_t> chunked_body_length(std::string_view body);

}  // namespace fynd::http
