// Where a request ends in the bytes read so far: the event loop's only parsing.
#include <gtest/gtest.h>

#include "request_framing.h"

namespace fynd::http {
namespace {

TEST(RequestFramingTest, HeadEndsAtTheBlankLine) {
  EXPECT_FALSE(find_request_head("GET / HTTP/1.1\r\nHost: a"));
  EXPECT_FALSE(find_request_head("GET / HTTP/1.1\r\nHost: a\r\n"));
  const std::string request = "GET /health HTTP/1.1\r\nHost: a\r\n\r\nGET /next";
  auto head = find_request_head(request);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->bytes, request.find("GET /next"));
  EXPECT_TRUE(head->valid_request_line);
  EXPECT_FALSE(head->content_length);
  EXPECT_FALSE(head->chunked);
}

TEST(RequestFramingTest, LeadingEmptyLinesBelongToTheHead) {
  auto head = find_request_head("\r\n\r\nGET / HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->bytes, 22u);
  EXPECT_TRUE(head->valid_request_line);
}

TEST(RequestFramingTest, RequestLineShape) {
  EXPECT_FALSE(find_request_head("HELLO\r\n\r\n")->valid_request_line);
  EXPECT_FALSE(find_request_head("GET  HTTP/1.1\r\n\r\n")->valid_request_line);
  EXPECT_FALSE(find_request_head("GET / FTP/1.1\r\n\r\n")->valid_request_line);
  EXPECT_TRUE(find_request_head("POST /api/similar HTTP/1.0\r\n\r\n")->valid_request_line);
  EXPECT_TRUE(has_request_line("GET / HTTP/1.1\r\nHo"));
  EXPECT_FALSE(has_request_line("GET /aaaaaaaa"));
}

TEST(RequestFramingTest, ContentLengthAndTransferEncoding) {
  auto head = find_request_head("POST /x HTTP/1.1\r\ncontent-LENGTH:  42 \r\n\r\n");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->content_length, 42u);
  EXPECT_FALSE(find_request_head("POST /x HTTP/1.1\r\nContent-Length: 4x\r\n\r\n")->content_length);
  EXPECT_FALSE(find_request_head("POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n")->content_length);
  EXPECT_TRUE(find_request_head("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n")->chunked);
  EXPECT_FALSE(find_request_head("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")->chunked);
  // A header value naming the header does not count.
  EXPECT_FALSE(find_request_head("GET / HTTP/1.1\r\nX-Note: Content-Length: 5\r\n\r\n")->content_length);
}

TEST(RequestFramingTest, ChunkedBodyLength) {
  EXPECT_FALSE(chunked_body_length(""));
  EXPECT_FALSE(chunked_body_length("5\r\nhel"));
  EXPECT_FALSE(chunked_body_length("5\r\nhello\r\n0\r\n"));
  const std::string body = "5\r\nhello\r\n4;ext=1\r\n abc\r\n0\r\n\r\nNEXT";
  EXPECT_EQ(chunked_body_length(body), body.find("NEXT"));
  const std::string trailers = "1\r\na\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT";
  EXPECT_EQ(chunked_body_length(trailers), trailers.find("NEXT"));
  // A malformed size ends the body there (the processor answers 400).
  EXPECT_EQ(chunked_body_length("zz\r\nmore"), 4u);
  // A size larger than anything buffered waits instead of overflowing.
  EXPECT_FALSE(chunked_body_length("ffffffffffffffff\r\nabc"));
}

}  // namespace
}  // namespace fynd::http
