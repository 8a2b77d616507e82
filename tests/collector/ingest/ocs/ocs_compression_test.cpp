#include "collector/ingest/ocs/ocs_compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace steward::collector::ingest::ocs {
namespace {

std::string gzipCompress(const std::string& text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

constexpr std::size_t kLimit = 1024 * 1024;

TEST(OcsCompressionTest, ReplyIsZlibAtTheDefaultLevelWhichBothAgentsRequire) {
  const std::string reply = zlibCompress("<REPLY><RESPONSE>SEND</RESPONSE></REPLY>");
  ASSERT_GE(reply.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(reply[0]), 0x78);
  EXPECT_EQ(static_cast<unsigned char>(reply[1]), 0x9C);
  auto back = decodeBody(reply, BodyEncoding::Zlib, kLimit);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, "<REPLY><RESPONSE>SEND</RESPONSE></REPLY>");
}

TEST(OcsCompressionTest, ContentTypesOfBothAgentsPickTheEncoding) {
  EXPECT_EQ(*encodingFor("application/x-compress-zlib", "x"), BodyEncoding::Zlib);
  EXPECT_EQ(*encodingFor("Application/X-Compress", "x"), BodyEncoding::Zlib);
  EXPECT_EQ(*encodingFor("application/x-compress-gzip", "x"), BodyEncoding::Gzip);
  EXPECT_EQ(*encodingFor("application/xml; charset=UTF-8", "x"), BodyEncoding::Plain);
  EXPECT_EQ(*encodingFor("", "\x1f\x8b..."), BodyEncoding::Gzip);
  EXPECT_EQ(*encodingFor("", "  <REQUEST/>"), BodyEncoding::Plain);
  EXPECT_EQ(*encodingFor("", "\x78\x9c"), BodyEncoding::Zlib);
  auto bad = encodingFor("application/json", "{}");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "unsupported_media_type");
}

TEST(OcsCompressionTest, InflatesGzipAndPassesPlainXmlThrough) {
  const std::string xml = "<REQUEST><QUERY>PROLOG</QUERY></REQUEST>";
  auto gz = decodeBody(gzipCompress(xml), BodyEncoding::Gzip, kLimit);
  ASSERT_TRUE(gz) << gz.error().message;
  EXPECT_EQ(*gz, xml);
  EXPECT_EQ(*decodeBody(xml, BodyEncoding::Plain, kLimit), xml);
}

TEST(OcsCompressionTest, ZlibBombStopsAtTheLimit) {
  // 8 MiB of zeros compress to about 8 KiB.
  const std::string bomb = zlibCompress(std::string(8 * 1024 * 1024, '\0'));
  ASSERT_LT(bomb.size(), 100 * 1024u);
  auto out = decodeBody(bomb, BodyEncoding::Zlib, kLimit);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "inflated_too_large");
  EXPECT_NE(out.error().message.find("max_inflated_bytes"), std::string::npos);

  auto gzip_bomb =
      decodeBody(gzipCompress(std::string(8 * kLimit, 'A')), BodyEncoding::Gzip, kLimit);
  ASSERT_FALSE(gzip_bomb);
  EXPECT_EQ(gzip_bomb.error().code, "inflated_too_large");
}

TEST(OcsCompressionTest, ExactlyTheLimitIsAcceptedOneByteMoreIsNot) {
  EXPECT_TRUE(decodeBody(zlibCompress(std::string(kLimit, 'x')), BodyEncoding::Zlib, kLimit));
  EXPECT_FALSE(decodeBody(zlibCompress(std::string(kLimit + 1, 'x')), BodyEncoding::Zlib, kLimit));
  EXPECT_FALSE(decodeBody(std::string(kLimit + 1, 'x'), BodyEncoding::Plain, kLimit));
}

TEST(OcsCompressionTest, TruncatedGarbageAndTrailingBytesAreRefused) {
  const std::string whole = zlibCompress(std::string(10000, 'y') + "<REQUEST/>");
  for (const std::string& bad :
       {whole.substr(0, whole.size() / 2), whole.substr(0, 1), std::string("not zlib at all"),
        whole + "extra", std::string(), gzipCompress("<x/>")}) {
    auto out = decodeBody(bad, BodyEncoding::Zlib, kLimit);
    ASSERT_FALSE(out) << "accepted " << bad.size() << " bytes";
    EXPECT_EQ(out.error().code, "bad_compression");
  }
  auto gz = decodeBody(whole, BodyEncoding::Gzip, kLimit);  // zlib sent as gzip
  ASSERT_FALSE(gz);
  EXPECT_EQ(gz.error().code, "bad_compression");
}

}  // namespace
}  // namespace steward::collector::ingest::ocs
